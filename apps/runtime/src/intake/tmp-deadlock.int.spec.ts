import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import { IntakeService } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from './intake.module';

it('many contacts at once', async () => {
  const db = await createTestDatabase('tmpdl');
  const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
  @Module({ imports: [CoreModule.forRoot({ role: { name: 'test', dependencies: [] }, config, databaseUrl: db.url, identityBaseUrl: 'http://127.0.0.1:1/dev-idp', metrics: new MetricsRegistry('test') }), IntakeModule] })
  class M {}
  const app = await NestFactory.create(M, { logger: ['error'] });
  await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
  await app.init();
  const intake = app.get(IntakeService);
  const started = Date.now();
  const done = await Promise.race([
    Promise.all(Array.from({ length: 40 }, (_, i) => intake.receive({ channel: 'telegram', messageId: `m${i}`, contact: { channel: 'telegram', address: `a${i}` }, text: 'x', receivedAt: new Date() }))).then(() => 'done'),
    new Promise((r) => setTimeout(() => r('stuck'), 10_000)),
  ]);
  console.log(done, Date.now() - started);
  await db.drop().catch(() => undefined);
}, 30_000);
