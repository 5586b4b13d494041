import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import { errorMessage } from '@switchboard/kernel';
import { PostgresEstateStore } from '@switchboard/estate/infrastructure';
import type { CustomersRepository } from '@switchboard/customers';
import {
  EmbeddedPostgres,
  HealthService,
  MetricsRegistry,
  answerClientErrors,
  configureHttpEdge,
  createLogger,
  httpMetricsMiddleware,
  loadConfigOrExit,
  openApiComponents,
} from '@switchboard/platform';
import type { AppConfigDefaults, SwitchboardConfig } from '@switchboard/platform';
import { CoreModule } from './core.module';
import { PG_POOL } from './database/database.tokens';
import { applyMigrations } from './database/migrations';
import type { AppRole } from './dependency';
import { loadDemoData, loadDemoEstate, loadPortalDemoData } from './demo/load-demo-data';

export interface RunAppOptions {
  readonly role: AppRole;
  readonly modules: readonly (Type<unknown> | DynamicModule)[];
  readonly defaults: AppConfigDefaults;
}

const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * Starts one role (or all of them) as an HTTP app: config, embedded PostgreSQL when no
 * DATABASE_URL, migrations, demo data, OpenAPI at /docs, and a clean shutdown on SIGINT/SIGTERM.
 */
export async function runApp(options: RunAppOptions): Promise<void> {
  const config = loadConfigOrExit(process.env, options.defaults);
  const logger = createLogger(options.role.name, config.log.level, config.log.format);
  let embedded: EmbeddedPostgres | undefined;
  let app: INestApplication | undefined;
  let stoppingSince: number | undefined;

  const shutdown = async (signal: string): Promise<void> => {
    if (stoppingSince !== undefined) {
      // npm forwards the terminal's Ctrl-C too, so one keypress can arrive twice; only a later one forces.
      if (performance.now() - stoppingSince < 2_000) return;
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stoppingSince = performance.now();
    logger.log(`${signal} received: draining connections and stopping`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    try {
      app?.get(HealthService).markShuttingDown();
      await app?.close();
      if (embedded) {
        await embedded.stop();
        logger.log('embedded PostgreSQL stopped');
      }
    } catch (error) {
      // Said, not swallowed: a stop that fails exits 1 with the reason in the log.
      logger.error(`stopping failed: ${errorMessage(error)}`, error instanceof Error ? error.stack : undefined);
      process.exit(1);
    } finally {
      clearTimeout(deadline);
    }
    logger.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      embedded = new EmbeddedPostgres({
        dataDir: config.database.embedded.dir,
        port: config.database.embedded.port,
        database: 'switchboard',
        log: (l) => logger.log(l, 'embedded-postgres'),
      });
      logger.log(`starting embedded PostgreSQL (${config.database.embedded.dir}, port ${config.database.embedded.port})`);
      databaseUrl = await embedded.start();
    }
    const identityBaseUrl = config.keycloak?.url ?? `http://${loopbackHost(config.http.host)}:${config.http.port}/dev-idp`;
    const metrics = new MetricsRegistry(options.role.name);
    // Bodies are parsed by the HTTP edge, with a limit per route (and the raw bytes kept for webhook signatures).
    app = await NestFactory.create(rootModule(options, config, databaseUrl, identityBaseUrl, metrics), { logger, abortOnError: false, bodyParser: false });
    configureHttpEdge(app, { bodyLimits: options.role.bodyLimits ?? [], consoleOrigins: config.http.consoleOrigins });
    answerClientErrors(app.getHttpServer());
    app.use(httpMetricsMiddleware(metrics));
    mountOpenApi(app, options.role.name);

    const applied = await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    logger.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    if (config.demoData) {
      const summary = await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
      const estate = config.demoEstate ? `, ${await loadDemoEstate(new PostgresEstateStore(app.get<Pool>(PG_POOL)))}` : '';
      logger.log(`demo data loaded: ${summary}${estate}, ${await loadPortalDemoData(app.get<Pool>(PG_POOL))}`);
    }
    await app.listen(config.http.port, config.http.host);
    printBanner(options.role.name, config, identityBaseUrl);
  } catch (error) {
    logger.fatal(`failed to start: ${errorMessage(error)}`);
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

function rootModule(options: RunAppOptions, config: SwitchboardConfig, databaseUrl: string, identityBaseUrl: string, metrics: MetricsRegistry): DynamicModule {
  @Module({})
  class SwitchboardAppModule {}
  return {
    module: SwitchboardAppModule,
    imports: [CoreModule.forRoot({ role: options.role, config, databaseUrl, identityBaseUrl, metrics }), ...options.modules],
  };
}

function mountOpenApi(app: INestApplication, role: string): void {
  SwaggerModule.setup('docs', app, openApiDocument(app, role), { jsonDocumentUrl: 'docs/openapi.json' });
}

function openApiDocument(app: INestApplication, role: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Switchboard ${role}`)
      .setDescription('Omnichannel intake gateway and core CRM. Errors are application/problem+json (RFC 9457).')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Keycloak access token (or the development IdP’s).' }, 'bearer')
      // The public API (/public/v1, ADR 0025): other systems' API keys, `Authorization: ApiKey <key id>:<secret>`.
      .addSecurity('apiKey', {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'An API key: `ApiKey <key id>:<secret>` (the secret is shown once, at creation or rotation).',
      })
      .build(),
  );
  // Named request and answer schemas, generated from the zod schemas the routes validate with.
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...openApiComponents() } };
  return document;
}

/**
 * The OpenAPI document the role serves at /docs/openapi.json, built without a database or a port:
 * Nest's preview mode wires the modules but instantiates nothing (the console's API client is
 * generated from it).
 */
export async function previewOpenApiDocument(options: RunAppOptions): Promise<OpenAPIObject> {
  // A fixed configuration, so the document does not depend on who generates it: the production
  // shape (Keycloak, hence no dev IdP routes), a database that is never connected to.
  const config = loadConfigOrExit({ DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview', KEYCLOAK_URL: 'http://keycloak.invalid' }, options.defaults);
  const identityBaseUrl = config.keycloak?.url ?? `http://${loopbackHost(config.http.host)}:${config.http.port}/dev-idp`;
  const app = await NestFactory.create(rootModule(options, config, config.database.url ?? '', identityBaseUrl, new MetricsRegistry(options.role.name)), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return openApiDocument(app, options.role.name);
  } finally {
    await app.close();
  }
}

function loopbackHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function printBanner(role: string, config: SwitchboardConfig, identityBaseUrl: string): void {
  const base = config.http.publicUrl;
  const lines = [
    '',
    `  Switchboard ${role} is ready`,
    `    API:        ${base}`,
    ...(role === 'api' || role === 'switchboard' ? [`    Console:    ${base}/console/`] : []),
    `    OpenAPI:    ${base}/docs`,
    `    Health:     ${base}/health`,
    `    Metrics:    ${base}/metrics`,
    config.keycloak
      ? `    Identity:   Keycloak ${config.keycloak.url}/realms/${config.keycloak.realm}`
      : `    Identity:   development IdP (demo users, password "demo"): POST ${identityBaseUrl}/realms/${config.keycloakRealm}/protocol/openid-connect/token`,
    config.database.url
      ? '    Database:   DATABASE_URL'
      : `    Database:   embedded PostgreSQL in ${config.database.embedded.dir} (port ${config.database.embedded.port})`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
