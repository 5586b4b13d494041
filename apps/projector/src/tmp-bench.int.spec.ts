import type { Principal } from '@switchboard/identity/domain';
import { startReadModelsTestApp } from './testing/read-models-test-app';
import type { ReadModelsTestApp } from './testing/read-models-test-app';

const N = Number(process.env.BENCH_N ?? 1_000_000);

it('bench', async () => {
  const t: ReadModelsTestApp = await startReadModelsTestApp('rm_bench');
  try {
    await t.app.close().catch(() => undefined);
  } catch {
    /* */
  }
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: t.db.url, max: 4 });
  const q = (s: string, p: unknown[] = []) => pool.query(s, p);
  const started = Date.now();
  await q(`INSERT INTO catalogue_work_groups (code, name, email, manager_id) SELECT 400 + g, 'Group ' || g, 'g' || g || '@x', 'm' FROM generate_series(1, 20) g ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO catalogue_services (code, name, work_group_code) SELECT 5000 + s, 'Service ' || s, 401 + (s % 20) FROM generate_series(1, 100) s ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key)
           SELECT md5('c' || i)::uuid, 'First' || (i % 997), 'Last' || i, '+7916' || lpad(i::text, 7, '0'), lower('last' || i || ' first' || (i % 997))
             FROM generate_series(1, 100000) i`);
  await q(`INSERT INTO rm_requests (id, last_revision, state, channel, contact_address, subject, department, assignee_id, client_id, service_code, incident_id,
                                   last_message_text, last_message_at, last_message_direction, created_by, created_at, updated_at)
           SELECT md5('r' || i)::uuid, 3, (ARRAY['NEW','IN_PROGRESS','ESCALATED','CLOSED'])[1 + i % 4], (ARRAY['telegram','sms','esb','phone'])[1 + i % 4],
                  'addr' || i, 'subject ' || md5(i::text), 'dept-' || (i % 10), CASE WHEN i % 7 = 0 THEN NULL ELSE 'user-' || (i % 500) END,
                  CASE WHEN i % 10 < 7 THEN md5('c' || (1 + i % 100000))::uuid END,
                  CASE WHEN i % 5 = 0 THEN 5001 + (i % 100) END, CASE WHEN i % 5 = 0 THEN md5('i' || i)::uuid END,
                  'message ' || md5((i * 7)::text), now() - (i % 300000) * interval '1 minute', 'inbound', 'x',
                  now() - (i % 525600) * interval '1 minute', now() - (i % 525600) * interval '1 minute' + (i % 100) * interval '1 second'
             FROM generate_series(1, ${N}) i`);
  await q(`INSERT INTO rm_incidents (id, last_revision, request_id, state, service_code, work_group_code, assignee_id, created_by, created_at, updated_at)
           SELECT md5('i' || i)::uuid, 2, md5('r' || i)::uuid, 'IN_WORK', 5001 + (i % 100), 401 + ((i / 5) % 20), CASE WHEN i % 3 = 0 THEN NULL ELSE 'l3-' || (i % 200) END,
                  'x', now() - (i % 525600) * interval '1 minute', now() - (i % 525600) * interval '1 minute'
             FROM generate_series(5, ${N}, 5) i`);
  await q('ANALYZE');
  console.log(`loaded in ${Date.now() - started} ms`);

  const who = (roles: Principal['roles'], userId: string, departments: string[] = [], workGroups: string[] = []): Principal => ({ userId, username: userId, roles, departments, workGroups });
  const cases: [string, () => Promise<unknown>][] = [
    ['HD user list', () => t.requests.list(who(['HelpDeskUser'], 'user-42'), {})],
    ['HD manager list', () => t.requests.list(who(['HelpDeskManager'], 'm', ['dept-3']), {})],
    ['HD manager list state', () => t.requests.list(who(['HelpDeskManager'], 'm', ['dept-3']), { state: ['NEW'] })],
    ['HD manager q', () => t.requests.list(who(['HelpDeskManager'], 'm', ['dept-3']), { q: 'a3f' })],
    ['HD manager q client', () => t.requests.list(who(['HelpDeskManager'], 'm', ['dept-3']), { q: 'last4242' })],
    ['SL3 user requests', () => t.requests.list(who(['SL3User'], 'l3-17'), {})],
    ['SL3 user incidents', () => t.incidents.list(who(['SL3User'], 'l3-17'), {})],
    ['SL3 manager requests', () => t.requests.list(who(['SL3Manager'], 'm', [], ['group-3']), {})],
    ['SL3 manager incidents', () => t.incidents.list(who(['SL3Manager'], 'm', [], ['group-3']), {})],
    ['HD user incidents', () => t.incidents.list(who(['HelpDeskUser'], 'user-42'), {})],
    ['HD manager incidents', () => t.incidents.list(who(['HelpDeskManager'], 'm', ['dept-3']), {})],
    ['client search name', () => t.clients.search(who(['HelpDeskUser'], 'u'), { q: 'last4242' })],
    ['client search phone', () => t.clients.search(who(['HelpDeskUser'], 'u'), { q: '+79160004' })],
  ];
  // rebind the services to the new pool
  const rm = await import('@switchboard/read-models');
  (t as unknown as Record<string, unknown>).requests = new rm.RequestQueries(pool);
  (t as unknown as Record<string, unknown>).incidents = new rm.IncidentQueries(pool);
  (t as unknown as Record<string, unknown>).clients = new rm.ClientQueries(pool);
  if (process.env.BENCH_SKIP_RUN) { await pool.end(); require('node:fs').writeFileSync('/tmp/bench-db-url', t.db.url); return; }
  for (const [name, run] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(24)} p50 ${times[20].toFixed(1)} ms  p99 ${times[39].toFixed(1)} ms`);
  }
  await pool.end();
  require('node:fs').writeFileSync('/tmp/bench-db-url', t.db.url);
}, 1_800_000);
