import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import type { DynamicModule, INestApplicationContext, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { ClickHouseDatabase, ServiceDeskScript, parseClickHouseUrl, raw } from '@switchboard/analytics';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import { PostgresEventStore } from '@switchboard/eventstore';
import { processingSchema, readProcessorCheckpoint } from '@switchboard/eventstore/processing';
import { USER_DIRECTORY } from '@switchboard/identity';
import { HealthService, MetricsRegistry, SWITCHBOARD_CONFIG, loadConfig } from '@switchboard/platform';
import { createTestDatabase, recordSkip } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ProcessorRegistry } from '../processing/processor-registry';
import { AnalyticsModule, AnalyticsProjectorHost } from './analytics.module';

const server = process.env.CLICKHOUSE_URL;
if (!server) recordSkip('AnalyticsModule', 'CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
const describeWithClickHouse = server ? describe : describe.skip;

describeWithClickHouse('AnalyticsModule', () => {
  const database = `sb_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const clickhouseUrl = `${(server ?? '').replace(/\/+$/, '')}/${database}`;
  let pg: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  /** The module with what the core module would give it: configuration, the directory, the catalogue, the processing backbone. */
  async function boot(env: Record<string, string>, dependencies: Record<symbol, unknown>): Promise<{ app: INestApplicationContext; metrics: MetricsRegistry }> {
    const config = loadConfig({ DATABASE_URL: pg.url, ...env }, { httpPort: 1, allowsEmbeddedDatabase: false });
    const metrics = new MetricsRegistry('test');
    const health = new HealthService();
    const providers: Provider[] = [
      ...Object.getOwnPropertySymbols(dependencies).map((token) => ({ provide: token, useValue: dependencies[token] })),
      { provide: SWITCHBOARD_CONFIG, useValue: config },
      { provide: HealthService, useValue: health },
      {
        provide: ProcessorRegistry,
        useFactory: () => new ProcessorRegistry({ role: { name: 'test', dependencies: [] }, config, pool, store, metrics, health }),
      },
    ];
    @Global()
    @Module({})
    class Dependencies {}
    const root: DynamicModule = { module: Dependencies, providers, exports: providers.map((p) => (p as { provide: symbol }).provide), global: true };
    @Module({})
    class Root {}
    const app = await NestFactory.createApplicationContext({ module: Root, imports: [root, AnalyticsModule] }, { logger: false });
    return { app, metrics };
  }

  beforeAll(async () => {
    pg = await createTestDatabase('analytics_module');
    pool = new Pool({ connectionString: pg.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await pg.drop();
    const ch = ClickHouseDatabase.open(parseClickHouseUrl(clickhouseUrl));
    await ch.drop();
    await ch.close();
  });

  it('stays off without CLICKHOUSE_URL', async () => {
    const { app } = await boot({}, { [USER_DIRECTORY]: {}, [CATALOGUE_REPOSITORY]: {} });
    expect(app.get(AnalyticsProjectorHost).processor).toBeUndefined();
    expect(app.get(ProcessorRegistry).states()).toEqual([]);
    await app.close();
  });

  it('projects into ClickHouse, names services from the catalogue and reports its lag while the app runs', async () => {
    const requestId = randomUUID();
    await new ServiceDeskScript()
      .request(requestId, 'channel:sms', '2026-05-01T10:00:00Z', {
        type: 'RegisterRequest',
        requestId,
        contact: { channel: 'sms', address: '+79160000000' },
        message: { messageId: 'm1', text: 'hi', receivedAt: new Date('2026-05-01T10:00:00Z') },
      })
      .appendTo(store);
    const { app, metrics } = await boot(
      { CLICKHOUSE_URL: clickhouseUrl },
      {
        [USER_DIRECTORY]: { userById: async () => undefined },
        [CATALOGUE_REPOSITORY]: { listServices: async () => [{ code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' }] },
      },
    );
    await app.init();
    expect(
      app
        .get(ProcessorRegistry)
        .states()
        .map((s) => s.processor),
    ).toEqual(['analytics']);
    const deadline = Date.now() + 15_000;
    const lagged = /switchboard_processor_lag_events\{processor="analytics",app="test"\} 0\n/;
    while (((await readProcessorCheckpoint(pool, 'analytics'))?.eventsProcessed ?? 0) < 2 || !lagged.test(await metrics.registry.metrics())) {
      if (Date.now() > deadline) throw new Error(`not projected and measured in time: ${JSON.stringify(app.get(ProcessorRegistry).states())}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.close();

    const ch = ClickHouseDatabase.open(parseClickHouseUrl(clickhouseUrl));
    try {
      expect(await ch.rows(raw('SELECT channel, count() AS n FROM contacts FINAL GROUP BY channel'))).toEqual([{ channel: 'sms', n: '1' }]);
      expect(await ch.rows(raw('SELECT service_name FROM services FINAL'))).toEqual([{ service_name: 'Home internet' }]);
    } finally {
      await ch.close();
    }
  });
});
