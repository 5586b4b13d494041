// Fills a LegacyDB for development and load tests: node dist/libs/customers/infrastructure/src/legacy/generate-legacy-db.cli.js
//   --url postgres://postgres@127.0.0.1:5432/switchboard_legacy [--clients 100000] [--orders 300000] [--seed 1]
// The database is created when it does not exist; its legacy tables are replaced.
import { Client } from 'pg';
import { generateLegacyDatabase } from './generate-legacy-db';
import { errorMessage } from '@switchboard/kernel';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function count(name: string, fallback: number): number {
  const raw = argument(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, not "${raw}"`);
  return Number(raw);
}

async function ensureDatabase(url: string): Promise<void> {
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const url = argument('url') ?? process.env.LEGACY_DATABASE_URL;
  if (!url) throw new Error('give --url postgres://... (or LEGACY_DATABASE_URL)');
  const clients = count('clients', 100_000);
  const orders = count('orders', 300_000);
  const seed = count('seed', 1);
  await ensureDatabase(url);
  const result = await generateLegacyDatabase(url, { clients, orders, seed });
  const where = new URL(url);
  where.password = where.password ? '***' : '';
  process.stdout.write(
    `legacy database ${where.toString()}: ${result.clients} clients, ${result.orders} orders (seed ${result.seed}) in ${(result.elapsedMs / 1000).toFixed(1)} s` +
      `${result.trigramIndex ? '' : '; no pg_trgm, name search scans'}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`legacy database not generated: ${errorMessage(error)}\n`);
  process.exit(1);
});
