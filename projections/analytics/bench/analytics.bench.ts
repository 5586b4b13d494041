// npm run bench:analytics — one JSON line on stdout, progress on stderr:
//   {"rebuildEventsPerSec":n,"panelMs":{"<dashboard>/<panel>":n}}
// Writes BENCH_EVENTS (default 1,000,000) service-desk events through the real deciders into a
// PostgreSQL event store of its own (test server, TEST_DATABASE_URL), then times
// `rebuildClickHouse` from that store into a ClickHouse database of its own (CLICKHOUSE_URL,
// default http://127.0.0.1:8123): reading the store, folding, inserting, OPTIMIZE and the swap.
// Then runs every ClickHouse panel of deploy/grafana/dashboards over that data, expanded as
// Grafana would for the last 30 days, and reports each panel's median of 5 runs. Both databases
// are dropped at the end.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase } from '@switchboard/platform/testing';
import { ClickHouseDatabase, parseClickHouseUrl } from '../src/clickhouse/clickhouse-database';
import { raw } from '../src/clickhouse/sql';
import { clickHousePanelQueries, readDashboards } from '../src/grafana/dashboard-model';
import { expandPanelQuery } from '../src/grafana/grafana-query-expansion';
import type { PanelQueryContext } from '../src/grafana/grafana-query-expansion';
import { rebuildClickHouse } from '../src/projector/rebuild-clickhouse';
import { BENCH_DEPARTMENTS, BENCH_SERVICES, benchOperator, mergeConsecutive, syntheticHelpDesk } from './synthetic-help-desk';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 48);
const PANEL_RUNS = 5;
const END = new Date('2026-06-01T00:00:00Z');
const DAYS = 90;

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function load(store: PostgresEventStore): Promise<number> {
  // ~7 events per request; requests keep coming until the target is reached.
  const histories = syntheticHelpDesk(Math.ceil(TARGET_EVENTS / 5), END, DAYS);
  let written = 0;
  let lastLog = performance.now();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (;;) {
        if (written >= TARGET_EVENTS) return;
        const next = histories.next();
        if (next.done) return;
        for (const append of mergeConsecutive(next.value)) {
          await store.append(append.streamId, append.events, { expectedRevision: append.expected < 0 ? 'no_stream' : BigInt(append.expected) });
          written += append.events.length;
        }
        if (performance.now() - lastLog > 5_000) {
          lastLog = performance.now();
          log(`loaded ${written} events (${Math.round(written / ((performance.now() - started) / 1000))}/s)`);
        }
      }
    }),
  );
  return written;
}

async function main(): Promise<void> {
  const pg = await createTestDatabase('analytics_bench');
  const chServer = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
  const chName = `sb_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const endpoint = parseClickHouseUrl(chServer, chName);
  const clickhouseUrl = `${endpoint.url}/${chName}`;
  const store = new PostgresEventStore(pg.url, { poolSize: WRITERS, batchSize: 5_000, notify: false });
  const ch = ClickHouseDatabase.open(endpoint);
  try {
    await store.ensureSchema();
    log(`writing ${TARGET_EVENTS} events through the deciders into ${pg.name}`);
    const loadStarted = performance.now();
    const events = await load(store);
    log(`loaded ${events} events in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

    log(`rebuilding ClickHouse database ${chName}`);
    let lastLog = 0;
    const result = await rebuildClickHouse({
      store,
      clickhouseUrl,
      total: events,
      directory: {
        userById: async (id) => {
          const n = Number(id.slice(-6)) - 100_000;
          if (!(n >= 0 && n < 100)) return undefined;
          return {
            id: benchOperator(n),
            username: `bench.user.${n}`,
            firstName: '',
            lastName: '',
            groups: n < 40 ? [`/departments/${BENCH_DEPARTMENTS[n % BENCH_DEPARTMENTS.length]}`] : ['/work-groups/l3'],
          };
        },
      },
      catalogue: { listServices: async () => BENCH_SERVICES },
      onProgress: (p) => {
        if (performance.now() - lastLog < 2_000 && p.phase === 'projecting') return;
        lastLog = performance.now();
        log(`${p.phase}: ${p.events}/${p.total ?? '?'}`);
      },
    });
    const rebuildEventsPerSec = Math.round(result.events / (result.durationMs / 1000));
    log(
      `rebuilt ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s (${rebuildEventsPerSec}/s; reading, folding and inserting ${(result.projectMs / 1000).toFixed(1)} s)`,
    );

    const context: PanelQueryContext = {
      from: new Date(END.getTime() - 30 * 86_400_000),
      to: END,
      intervalSeconds: 3_600,
      user: { login: 'bench.user.1' },
      variables: {
        console_url: { current: 'http://localhost:3000' },
        department: { current: '$__all', options: BENCH_DEPARTMENTS },
        work_group: { current: '$__all', options: ['301', '302', '303'] },
      },
    };
    const panelMs: Record<string, number> = {};
    for (const query of clickHousePanelQueries(readDashboards(resolve(process.cwd(), 'deploy/grafana/dashboards')))) {
      const text = raw(expandPanelQuery(query.rawSql, context));
      const times: number[] = [];
      for (let run = 0; run < PANEL_RUNS; run++) {
        const started = performance.now();
        await ch.rows(text);
        times.push(performance.now() - started);
      }
      panelMs[query.key] = Math.round(median(times) * 10) / 10;
    }
    process.stdout.write(`${JSON.stringify({ rebuildEventsPerSec, panelMs })}\n`);
  } finally {
    await store.close();
    await ch.drop().catch(() => undefined);
    await ch.close();
    await pg.drop();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
