import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { mailingsSchema } from '@switchboard/communications/infrastructure';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { runMailingsCli } from './mailings.cli';

class Capture {
  readonly isTTY = false;
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** `switchboard mailings progress <id>`: a progress bar until the mailing ends, then the counts; exit codes. */
describe('switchboard mailings', () => {
  let db: TestDatabase;
  let pool: Pool;

  const cli = async (...args: string[]) => {
    const io = { stdout: new Capture(), stderr: new Capture(), env: { DATABASE_URL: db.url } };
    const code = await runMailingsCli(args, io);
    return { code, out: io.stdout.text, err: io.stderr.text };
  };
  const mailing = async (status: string, recipients: number) => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO mailings (id, name, department, status, audience, template_id, communication_type, per_minute, recipients, created_by, created_at, updated_at, last_revision)
       VALUES ($1, 'Planned works', 'first-line-north', $2, '{}', 'outage', 'mass', 600, $3, 'test', now(), now(), 1)`,
      [id, status, recipients],
    );
    await pool.query(`INSERT INTO mailing_recipients (mailing_id, client_id, seq) SELECT $1, gen_random_uuid(), g FROM generate_series(1, $2::int) g`, [
      id,
      recipients,
    ]);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('mailings_cli');
    pool = new Pool({ connectionString: db.url, max: 2 });
    // The communications' read model as far as the progress reads it.
    await pool.query('CREATE TABLE rm_communications (id uuid PRIMARY KEY, status text NOT NULL, reason text)');
    for (const statement of mailingsSchema) await pool.query(statement);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('draws the progress until the mailing completes, then prints the counts and exits 0', async () => {
    const id = await mailing('RUNNING', 10);
    const running = cli('progress', id, '--every', '0.05');
    await new Promise((r) => setTimeout(r, 200));
    await pool.query(`UPDATE mailing_recipients SET status = 'queued' WHERE mailing_id = $1 AND seq <= 5`, [id]);
    await new Promise((r) => setTimeout(r, 200));
    await pool.query(`UPDATE mailing_recipients SET status = 'queued' WHERE mailing_id = $1`, [id]);
    await pool.query(`UPDATE mailings SET status = 'COMPLETED' WHERE id = $1`, [id]);
    const { code, out, err } = await running;
    expect(code).toBe(0);
    expect(err).toContain('Planned works: 0%');
    expect(err).toContain('Planned works: 50%');
    expect(err).toContain('Planned works: 100%');
    expect(out).toBe('COMPLETED: 10 recipients — 10 queued, 0 sent, 0 delivered, 0 failed, 0 blocked, 0 cancelled, 0 skipped\n');
  });

  it('exits 1 for a cancelled mailing, 3 for none, 2 for a wrong command', async () => {
    const id = await mailing('CANCELLED', 2);
    await pool.query(`UPDATE mailing_recipients SET status = 'cancelled' WHERE mailing_id = $1`, [id]);
    expect(await cli('progress', id)).toMatchObject({ code: 1, out: expect.stringContaining('CANCELLED: 2 recipients') });
    expect((await cli('progress', randomUUID())).code).toBe(3);
    expect((await cli('progress', 'not-an-id')).code).toBe(2);
    expect((await cli('rerun', id)).code).toBe(2);
  });
});
