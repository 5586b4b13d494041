import { connect as connectAmqp } from 'amqplib';
import Redis from 'ioredis';
import { createTransport } from 'nodemailer';
import type { Pool } from 'pg';
import type { HealthIndicator, SwitchboardConfig } from '@switchboard/platform';
import { postgresHealthIndicator } from '@switchboard/platform';
import type { Dependency } from '../dependency';

async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1_500) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  await response.arrayBuffer();
}

/**
 * Readiness checks for the dependencies a role uses and the configuration switches on. Each check
 * opens a short-lived connection so it proves the dependency answers now, not that a pool once did.
 */
export function dependencyHealthIndicators(
  dependencies: ReadonlySet<Dependency>,
  config: SwitchboardConfig,
  pool: Pool,
  identityDiscoveryUrl: string,
): HealthIndicator[] {
  const checks: HealthIndicator[] = [];
  if (dependencies.has('postgres')) checks.push(postgresHealthIndicator(pool));
  if (dependencies.has('eventstore') && !config.esdbUrl) checks.push(postgresHealthIndicator(pool, 'eventstore'));
  if (dependencies.has('eventstore') && config.esdbUrl) {
    const esdbUrl = config.esdbUrl;
    checks.push({
      name: 'eventstore',
      async check() {
        const { EventStoreDBClient } = await import('@eventstore/db-client');
        const client = EventStoreDBClient.connectionString(esdbUrl);
        try {
          await client.getStreamMetadata('$health');
        } finally {
          await client.dispose();
        }
      },
    });
  }
  if (dependencies.has('redis') && config.redisUrl) {
    const url = config.redisUrl;
    checks.push({
      name: 'redis',
      async check() {
        const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_500, retryStrategy: () => null });
        try {
          await redis.connect();
          await redis.ping();
        } finally {
          redis.disconnect();
        }
      },
    });
  }
  if (dependencies.has('amqp') && config.amqpUrl) {
    const url = config.amqpUrl;
    checks.push({
      name: 'amqp',
      async check() {
        const connection = await connectAmqp(url, { timeout: 1_500 });
        await connection.close();
      },
    });
  }
  if (dependencies.has('clickhouse') && config.clickhouseUrl) {
    const url = config.clickhouseUrl;
    // The URL may name a database (`http://host:8123/switchboard`); /ping lives at the server's root.
    checks.push({ name: 'clickhouse', check: () => fetchOk(`${new URL(url).origin}/ping`) });
  }
  if (dependencies.has('smtp') && config.smtpUrl) {
    const url = config.smtpUrl;
    checks.push({
      name: 'smtp',
      async check() {
        const transport = createTransport(url, { connectionTimeout: 1_500 } as object);
        try {
          await transport.verify();
        } finally {
          transport.close();
        }
      },
    });
  }
  if (dependencies.has('identity')) {
    checks.push({ name: config.keycloak ? 'keycloak' : 'dev-idp', check: () => fetchOk(identityDiscoveryUrl) });
  }
  return checks;
}
