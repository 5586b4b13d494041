import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import type { DynamicModule, INestApplicationContext, ValueProvider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClickHouseDatabase, ServiceDeskScript, parseClickHouseUrl, raw } from '@switchboard/analytics';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import { PostgresEventStore } from '@switchboard/eventstore';
import { USER_DIRECTORY } from '@switchboard/identity';
import { MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import { createTestDatabase, recordSkip } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { EVENT_STORE } from '../database/database.tokens';
import { AnalyticsModule, AnalyticsProjectorHost } from './analytics.module';
import type { AnalyticsModuleOptions } from './analytics.module';

const server = process.env.CLICKHOUSE_URL;
if (!server) recordSkip('AnalyticsModule', 'CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
const describeWithClickHouse = server ? describe : describe.skip;

function rootModule(providers: Record<symbol, unknown>): DynamicModule {
  @Global()
  @Module({})
  class Dependencies {}
  const list: ValueProvider[] = [
    ...Object.getOwnPropertySymbols(providers).map((token) => ({ provide: token, useValue: providers[token] })),
    { provide: MetricsRegistry, useValue: new MetricsRegistry('test') },
  ];
  return { module: Dependencies, providers: list, exports: list.map((p) => p.provide), global: true };
}

@Module({})
class Root {}

async function boot(dependencies: Record<symbol, unknown>, options: AnalyticsModuleOptions = {}): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext({ module: Root, imports: [rootModule(dependencies), AnalyticsModule.forRoot(options)] }, { logger: false });
}

describeWithClickHouse('AnalyticsModule', () => {
  const database = `sb_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const clickhouseUrl = `${(server ?? '').replace(/\/+$/, '')}/${database}`;
  let pg: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pg = await createTestDatabase('analytics_module');
    store = new PostgresEventStore(pg.url, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  afterAll(async () => {
    await store.close();
    await pg.drop();
    const ch = ClickHouseDatabase.open(parseClickHouseUrl(clickhouseUrl));
    await ch.drop();
    await ch.close();
  });

  it('stays off without CLICKHOUSE_URL', async () => {
    const app = await boot({ [SWITCHBOARD_CONFIG]: {}, [EVENT_STORE]: store, [USER_DIRECTORY]: {}, [CATALOGUE_REPOSITORY]: {} });
    expect(app.get(AnalyticsProjectorHost).projector).toBeUndefined();
    await app.close();
  });

  it('projects into ClickHouse, names services from the catalogue and reports its lag while the app runs', async () => {
    const requestId = randomUUID();
    await new ServiceDeskScript()
      .request(requestId, 'channel:sms', '2026-05-01T10:00:00Z', { type: 'RegisterRequest', requestId, contact: { channel: 'sms', address: '+79160000000' }, message: { messageId: 'm1', text: 'hi', receivedAt: new Date('2026-05-01T10:00:00Z') } })
      .appendTo(store);
    const lags: number[] = [];
    const app = await boot(
      {
        [SWITCHBOARD_CONFIG]: { clickhouseUrl },
        [EVENT_STORE]: store,
        [USER_DIRECTORY]: { userById: async () => undefined },
        [CATALOGUE_REPOSITORY]: { listServices: async () => [{ code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' }] },
      },
      { lag: () => ({ projectionLag: (_projection, lag) => void lags.push(lag.events) }) },
    );
    await app.init();
    const projector = app.get(AnalyticsProjectorHost).projector;
    const deadline = Date.now() + 15_000;
    while ((projector?.status().events ?? 0) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await app.close();

    const ch = ClickHouseDatabase.open(parseClickHouseUrl(clickhouseUrl));
    try {
      expect(await ch.rows(raw('SELECT channel, count() AS n FROM contacts FINAL GROUP BY channel'))).toEqual([{ channel: 'sms', n: '1' }]);
      expect(await ch.rows(raw('SELECT service_name FROM services FINAL'))).toEqual([{ service_name: 'Home internet' }]);
    } finally {
      await ch.close();
    }
    expect(lags.length).toBeGreaterThan(0);
  });
});
