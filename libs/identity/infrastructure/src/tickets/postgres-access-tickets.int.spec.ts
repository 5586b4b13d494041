import { Pool } from 'pg';
import type { Principal } from '@switchboard/identity/domain';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { accessTicketsSchema } from './access-tickets.migration';
import { PostgresAccessTickets } from './postgres-access-tickets';

const operator: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000001',
  username: 'hd.user.north',
  roles: ['HelpDeskUser'],
  departments: ['first-line-north'],
  workGroups: [],
};

describe('access tickets in PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('access_tickets');
    pool = new Pool({ connectionString: db.url, max: 6 });
    for (const statement of accessTicketsSchema) await pool.query(statement);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('stands for the principal it was issued to, once', async () => {
    const tickets = new PostgresAccessTickets(pool);
    const { ticket } = await tickets.issue(operator, 'operator-events');
    expect(await tickets.redeem(ticket, 'operator-events')).toEqual(operator);
    expect(await tickets.redeem(ticket, 'operator-events')).toBeUndefined();
  });

  it('is good on another process of the same database (another instance of the store)', async () => {
    const { ticket } = await new PostgresAccessTickets(pool).issue(operator, 'operator-events');
    expect(await new PostgresAccessTickets(pool).redeem(ticket, 'operator-events')).toEqual(operator);
  });

  it('opens one stream when the same ticket is used several times at once', async () => {
    const tickets = new PostgresAccessTickets(pool);
    const { ticket } = await tickets.issue(operator, 'operator-events');
    const redeemed = await Promise.all(Array.from({ length: 5 }, () => tickets.redeem(ticket, 'operator-events')));
    expect(redeemed.filter(Boolean)).toHaveLength(1);
  });

  it('is refused once it has expired, and for another purpose', async () => {
    const shortLived = new PostgresAccessTickets(pool, 1);
    const expiring = await shortLived.issue(operator, 'operator-events');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await shortLived.redeem(expiring.ticket, 'operator-events')).toBeUndefined();
    const other = await shortLived.issue(operator, 'operator-events');
    expect(await shortLived.redeem(other.ticket, 'exports')).toBeUndefined();
  });

  it('keeps only a hash of the ticket, and sweeps expired ones away as new ones are issued', async () => {
    const tickets = new PostgresAccessTickets(pool, 1);
    const { ticket } = await tickets.issue(operator, 'operator-events');
    const { rows } = await pool.query<{ ticket_hash: string }>('SELECT ticket_hash FROM identity_access_tickets');
    expect(rows.some((r) => r.ticket_hash === ticket)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    await tickets.issue(operator, 'operator-events');
    expect((await pool.query('SELECT 1 FROM identity_access_tickets WHERE expires_at < now()')).rowCount).toBe(0);
  });
});
