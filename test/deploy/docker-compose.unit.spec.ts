// Checks the production-like stack (docker-compose.yml) and what it mounts — Prometheus config and
// rules, Grafana provisioning and dashboards — against the repository, without running Docker.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { recordSkip } from '@switchboard/platform/testing';

const root = resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------- contract

/** Each app role: compose service name → the HTTP_PORT it listens on and publishes. */
const APP_PORTS: Record<string, number> = { api: 3000, gateway: 3010, projector: 3020, notifier: 3030 };
const APPS = Object.keys(APP_PORTS);
const BACKING_SERVICES = ['postgres', 'clickhouse', 'keycloak', 'rabbitmq', 'redis', 'grafana', 'prometheus', 'mailpit'];
const EVENT_STORE_SERVICES = ['eventstore', 'kurrentdb'];

/** The apps' configuration environment (the documented contract); nothing else may be set. */
const APP_ENVIRONMENT = [
  'NODE_ENV',
  'HTTP_HOST',
  'HTTP_PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'ESDB_URL',
  'REDIS_URL',
  'AMQP_URL',
  'CLICKHOUSE_URL',
  'SMTP_URL',
  'KEYCLOAK_URL',
  'KEYCLOAK_REALM',
  'KEYCLOAK_CLIENT_ID',
  'KEYCLOAK_CLIENT_SECRET',
  'LOG_LEVEL',
];

const ALERTS = [
  'ProcessorLagHigh',
  'EventsParked',
  'ProcessorStopped',
  'ProcessorNotRunning',
  'OutboxBacklog',
  'MessagesDeadLettered',
  'ChannelDisconnected',
  'AppDown',
];
/** Label names an alert may aggregate by: all bounded sets, never an entity id. */
const BOUNDED_LABELS = new Set(['processor', 'outbox', 'channel', 'reason', 'app', 'job', 'instance', 'route', 'le']);
const GRAFANA_BUILTIN_DATASOURCES = new Set(['-- Grafana --', '-- Mixed --', '-- Dashboard --', 'grafana']);

// ---------------------------------------------------------------------------------- shapes

type PortSpec = string | number | { published?: string | number; target?: number; protocol?: string };
type VolumeSpec = string | { type?: string; source?: string; target?: string };

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: PortSpec[];
  volumes?: VolumeSpec[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: Array<{ targets?: string[]; labels?: Record<string, string> }>;
}

interface PrometheusConfig {
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
}

interface RuleGroup {
  name: string;
  rules: Array<{
    alert?: string;
    record?: string;
    expr?: string;
    for?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }>;
}

interface DatasourceRef {
  type?: string;
  uid?: string;
}

interface Panel {
  id?: number;
  title?: string;
  type?: string;
  datasource?: DatasourceRef | string | null;
  targets?: Array<{ datasource?: DatasourceRef | string | null; expr?: string }>;
  panels?: Panel[];
}

// ---------------------------------------------------------------------------------- helpers

const readYaml = <T>(relative: string): T =>
  // merge: compose files share blocks through `<<: *anchor`.
  parse(readFileSync(join(root, relative), 'utf8'), { merge: true }) as T;

const compose = readYaml<ComposeFile>('docker-compose.yml');
const services = compose.services ?? {};

const environmentOf = (service: ComposeService): Record<string, string> => {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
};

/** Host side of each published port as `port/protocol`; a container-only port publishes nothing fixed. */
const hostPortsOf = (spec: PortSpec): string[] => {
  const expand = (range: string, protocol: string): string[] => {
    const [from, to = from] = range.split('-').map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => `${from + i}/${protocol}`);
  };
  if (typeof spec === 'number') return [];
  if (typeof spec === 'object') {
    return spec.published === undefined ? [] : expand(String(spec.published), spec.protocol ?? 'tcp');
  }
  const [mapping, protocol = 'tcp'] = spec.split('/');
  const parts = mapping.split(':');
  if (parts.length < 2) return [];
  const host = parts[parts.length - 2];
  return host === '' ? [] : expand(host, protocol);
};

const bindSources = (service: ComposeService): string[] =>
  (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'string') {
      const source = volume.split(':')[0];
      return source.startsWith('./') || source.startsWith('../') ? [source] : [];
    }
    return volume.type === 'bind' && volume.source ? [volume.source] : [];
  });

const namedVolumes = (service: ComposeService): string[] =>
  (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'string') {
      const parts = volume.split(':');
      const source = parts[0];
      return parts.length > 1 && !/^[./~]/.test(source) && !source.startsWith('$') ? [source] : [];
    }
    return volume.type === 'volume' && volume.source ? [volume.source] : [];
  });

const bindTarget = (service: ComposeService, source: string): string | undefined => {
  for (const volume of service.volumes ?? []) {
    if (typeof volume === 'string') {
      const [from, to] = volume.split(':');
      if (from === source) return to;
    } else if (volume.source === source) {
      return volume.target;
    }
  }
  return undefined;
};

const dependenciesOf = (service: ComposeService): Record<string, string> => {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, spec]) => [d, spec?.condition ?? 'service_started']));
};

const commandOf = (service: ComposeService): string[] =>
  Array.isArray(service.command) ? service.command.map(String) : (service.command ?? '').split(/\s+/).filter(Boolean);

const buildOf = (service: ComposeService): { context: string; dockerfile: string } | undefined => {
  if (service.build === undefined) return undefined;
  if (typeof service.build === 'string') return { context: service.build, dockerfile: 'Dockerfile' };
  return { context: service.build.context ?? '.', dockerfile: service.build.dockerfile ?? 'Dockerfile' };
};

/** Expands a relative glob whose only wildcards sit in the last path segment (`rules/*.yml`). */
const globFiles = (baseDir: string, pattern: string): string[] => {
  const dir = resolve(baseDir, dirname(pattern));
  const name = basename(pattern);
  if (!name.includes('*') && !name.includes('?')) return existsSync(join(dir, name)) ? [join(dir, name)] : [];
  const matcher = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => matcher.test(file))
    .map((file) => join(dir, file));
};

const filesIn = (relativeDir: string, extensions: string[]): string[] => {
  const dir = join(root, relativeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => extensions.some((ext) => file.endsWith(ext)))
    .map((file) => join(dir, file));
};

const allPanels = (panels: Panel[] = []): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels)]);

const onPath = (command: string): string | undefined => {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
};

const run = (command: string, args: string[]): { status: number | null; output: string } => {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
};

// ---------------------------------------------------------------------------------- compose

describe('docker-compose.yml', () => {
  it('declares every service of the production-like stack', () => {
    const names = Object.keys(services);
    expect(names).toEqual(expect.arrayContaining([...BACKING_SERVICES, ...APPS]));
    expect(names.filter((name) => EVENT_STORE_SERVICES.includes(name))).toHaveLength(1);
  });

  it('mounts only files that exist in the repository', () => {
    const missing = Object.entries(services).flatMap(([name, service]) =>
      bindSources(service)
        .filter((source) => !existsSync(resolve(root, source)))
        .map((source) => `${name}: ${source}`),
    );
    expect(missing).toEqual([]);
  });

  it('declares every named volume it mounts', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const undeclared = Object.entries(services).flatMap(([name, service]) =>
      namedVolumes(service)
        .filter((volume) => !declared.includes(volume))
        .map((volume) => `${name}: ${volume}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('publishes no host port twice', () => {
    const owners = new Map<string, string[]>();
    for (const [name, service] of Object.entries(services)) {
      for (const port of (service.ports ?? []).flatMap(hostPortsOf)) {
        owners.set(port, [...(owners.get(port) ?? []), name]);
      }
    }
    const clashes = [...owners.entries()].filter(([, names]) => names.length > 1).map(([port, names]) => `${port}: ${names.join(', ')}`);
    expect(clashes).toEqual([]);
  });

  it('builds every app from a context that has a Dockerfile', () => {
    for (const app of APPS) {
      const build = buildOf(services[app]) ?? { context: '(no build)', dockerfile: '(no build)' };
      const dockerfile = resolve(root, build.context, build.dockerfile);
      expect({ app, dockerfile, exists: existsSync(dockerfile) }).toEqual({ app, dockerfile, exists: true });
    }
  });

  it('starts every app from an entry file that exists as TypeScript source', () => {
    for (const app of APPS) {
      const command = commandOf(services[app]);
      expect(command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
      const source = command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ app, source, exists: existsSync(join(root, source)) }).toEqual({ app, source, exists: true });
    }
  });

  it('depends only on services it declares', () => {
    const unknown = Object.entries(services).flatMap(([name, service]) =>
      Object.keys(dependenciesOf(service))
        .filter((dependency) => !(dependency in services))
        .map((dependency) => `${name} -> ${dependency}`),
    );
    expect(unknown).toEqual([]);
  });

  it('waits for a dependency to be healthy only when that dependency has a healthcheck', () => {
    const unwaitable = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(dependenciesOf(service))
        .filter(([dependency, condition]) => condition === 'service_healthy' && !services[dependency]?.healthcheck?.test)
        .map(([dependency]) => `${name} -> ${dependency}`),
    );
    expect(unwaitable).toEqual([]);
  });

  it('configures the apps with the documented environment variables only', () => {
    for (const app of APPS) {
      const names = Object.keys(environmentOf(services[app]));
      expect({ app, undocumented: names.filter((name) => !APP_ENVIRONMENT.includes(name)) }).toEqual({ app, undocumented: [] });
      expect({ app, missing: APP_ENVIRONMENT.filter((name) => !names.includes(name)) }).toEqual({ app, missing: [] });
    }
  });

  it('publishes each app on its own HTTP_PORT', () => {
    for (const app of APPS) {
      const port = APP_PORTS[app];
      const env = environmentOf(services[app]);
      expect({ app, HTTP_PORT: env.HTTP_PORT, HTTP_HOST: env.HTTP_HOST }).toEqual({ app, HTTP_PORT: String(port), HTTP_HOST: '0.0.0.0' });
      expect((services[app].ports ?? []).map(String)).toContain(`${port}:${port}`);
    }
  });

  it('points the apps at the compose services by their service names', () => {
    for (const app of APPS) {
      const env = environmentOf(services[app]);
      const hosts = ['DATABASE_URL', 'ESDB_URL', 'REDIS_URL', 'AMQP_URL', 'CLICKHOUSE_URL', 'SMTP_URL', 'KEYCLOAK_URL'].map((key) => {
        // Substitutions (${VAR:-default}) may stand in for credentials; the host is what matters.
        const url = new URL(env[key].replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1'));
        return { key, host: url.hostname, known: url.hostname in services };
      });
      expect(hosts.filter((h) => !h.known)).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      expect(env.KEYCLOAK_REALM).toBe('switchboard');
      expect(env.KEYCLOAK_CLIENT_ID).toBe('switchboard-api');
    }
  });

  it('keeps the Keycloak client secret default in step with the realm file', () => {
    const realmPath = join(root, 'deploy/keycloak/switchboard-realm.json');
    const secret = environmentOf(services.api).KEYCLOAK_CLIENT_SECRET;
    expect(secret).toMatch(/^\$\{KEYCLOAK_CLIENT_SECRET:-[^}]+\}$/);
    if (!existsSync(realmPath)) return;
    const realm = JSON.parse(readFileSync(realmPath, 'utf8')) as { clients?: Array<{ clientId: string; secret?: string }> };
    const realmSecret = realm.clients?.find((c) => c.clientId === 'switchboard-api')?.secret;
    expect(realmSecret).toEqual(expect.any(String));
    for (const app of APPS) {
      expect(environmentOf(services[app]).KEYCLOAK_CLIENT_SECRET).toBe(`\${KEYCLOAK_CLIENT_SECRET:-${realmSecret}}`);
    }
  });

  it('imports the Switchboard realm into Keycloak and installs the ClickHouse plugin into Grafana', () => {
    expect(commandOf(services.keycloak)).toEqual(expect.arrayContaining(['start-dev', '--import-realm']));
    expect(bindTarget(services.keycloak, './deploy/keycloak/switchboard-realm.json')).toBe('/opt/keycloak/data/import/switchboard-realm.json');
    expect(environmentOf(services.grafana).GF_INSTALL_PLUGINS).toContain('grafana-clickhouse-datasource');
  });
});

// ---------------------------------------------------------------------------------- prometheus

describe('deploy/prometheus', () => {
  const configPath = 'deploy/prometheus/prometheus.yml';
  const config = readYaml<PrometheusConfig>(configPath);
  const scrapeConfigs = config.scrape_configs ?? [];
  const targets = scrapeConfigs.flatMap((job) => (job.static_configs ?? []).flatMap((group) => (group.targets ?? []).map((target) => ({ job, target }))));
  const ruleFiles = (config.rule_files ?? []).flatMap((pattern) => globFiles(join(root, dirname(configPath)), pattern));

  it('is the file compose mounts into Prometheus, rules included', () => {
    expect(bindTarget(services.prometheus, `./${configPath}`)).toBe('/etc/prometheus/prometheus.yml');
    expect(bindTarget(services.prometheus, './deploy/prometheus/rules')).toBe('/etc/prometheus/rules');
  });

  it("scrapes every app's /metrics on its service name and HTTP_PORT", () => {
    const appTargets = targets.filter(({ target }) => APPS.includes(target.split(':')[0]));
    const expected = APPS.map((app) => `${app}:${environmentOf(services[app]).HTTP_PORT}`);
    expect(appTargets.map(({ target }) => target).sort()).toEqual([...expected].sort());
    for (const { job } of appTargets) expect(job.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('scrapes only compose services and Prometheus itself', () => {
    const strangers = targets.map(({ target }) => target.split(':')[0]).filter((host) => host !== 'localhost' && !(host in services));
    expect(strangers).toEqual([]);
  });

  it('loads at least one rule file', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it('gives every alert an expression, a duration, a severity and a summary', () => {
    for (const file of ruleFiles) {
      const groups = (parse(readFileSync(file, 'utf8')) as { groups?: RuleGroup[] }).groups ?? [];
      expect(groups.length).toBeGreaterThan(0);
      for (const rule of groups.flatMap((g) => g.rules).filter((r) => r.alert)) {
        const shape = {
          alert: rule.alert,
          expr: typeof rule.expr === 'string' && rule.expr.trim() !== '',
          for: typeof rule.for === 'string' && /^\d+[smhdwy]$/.test(rule.for),
          severity: ['info', 'warning', 'critical'].includes(rule.labels?.severity ?? ''),
          summary: Boolean(rule.annotations?.summary),
          description: Boolean(rule.annotations?.description),
        };
        expect(shape).toEqual({ alert: rule.alert, expr: true, for: true, severity: true, summary: true, description: true });
      }
    }
  });

  it('defines the documented alerts, each aggregating by bounded labels only', () => {
    const rules = ruleFiles.flatMap((file) => ((parse(readFileSync(file, 'utf8')) as { groups?: RuleGroup[] }).groups ?? []).flatMap((g) => g.rules));
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(ALERTS));
    for (const rule of rules) {
      const grouped = [...(rule.expr ?? '').matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) =>
        m[1]
          .split(',')
          .map((label) => label.trim())
          .filter(Boolean),
      );
      expect({ alert: rule.alert, unbounded: grouped.filter((label) => !BOUNDED_LABELS.has(label)) }).toEqual({
        alert: rule.alert,
        unbounded: [],
      });
    }
  });
});

// promtool ships in Debian's `prometheus` package; without it these checks are skipped, loudly.
const promtool = onPath('promtool');
if (!promtool) recordSkip('promtool checks', 'promtool not installed (apt-get install prometheus)');
const itWithPromtool = promtool ? it : it.skip;

describe('promtool', () => {
  itWithPromtool('accepts prometheus.yml and the rule files it loads', () => {
    expect(run('promtool', ['check', 'config', 'deploy/prometheus/prometheus.yml'])).toEqual({ status: 0, output: expect.any(String) });
  });

  itWithPromtool('accepts every alert rule file', () => {
    const files = filesIn('deploy/prometheus/rules', ['.yml', '.yaml']).map((file) => posix.relative(root, file));
    expect(files.length).toBeGreaterThan(0);
    expect(run('promtool', ['check', 'rules', ...files])).toEqual({ status: 0, output: expect.any(String) });
  });

  itWithPromtool('fires each alert on the condition it names and stays quiet below it', () => {
    const files = filesIn('deploy/prometheus/tests', ['.yml', '.yaml']).map((file) => posix.relative(root, file));
    expect(files.length).toBeGreaterThan(0);
    expect(run('promtool', ['test', 'rules', ...files])).toEqual({ status: 0, output: expect.any(String) });
  });
});

// ---------------------------------------------------------------------------------- grafana

describe('deploy/grafana', () => {
  const datasources = filesIn('deploy/grafana/provisioning/datasources', ['.yml', '.yaml']).flatMap(
    (file) =>
      (
        parse(readFileSync(file, 'utf8')) as {
          datasources?: Array<{ name: string; type: string; uid?: string; isDefault?: boolean; jsonData?: Record<string, unknown> }>;
        }
      ).datasources ?? [],
  );
  const provisionedUids = new Set(datasources.map((ds) => ds.uid).filter((uid): uid is string => Boolean(uid)));
  const dashboards = filesIn('deploy/grafana/dashboards', ['.json']);

  it('provisions the Prometheus and ClickHouse datasources under stable uids', () => {
    expect(datasources.map((ds) => ds.uid).sort()).toEqual([...provisionedUids].sort());
    expect(datasources.filter((ds) => ds.isDefault)).toHaveLength(1);
    const clickhouse = datasources.find((ds) => ds.uid === 'clickhouse');
    expect(clickhouse).toMatchObject({
      type: 'grafana-clickhouse-datasource',
      jsonData: { host: 'clickhouse', port: 8123, protocol: 'http', defaultDatabase: 'switchboard' },
    });
    expect(datasources.find((ds) => ds.uid === 'prometheus')).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
  });

  it('loads dashboards from the directory compose mounts them into', () => {
    const providers = filesIn('deploy/grafana/provisioning/dashboards', ['.yml', '.yaml']).flatMap(
      (file) => (parse(readFileSync(file, 'utf8')) as { providers?: Array<{ folder?: string; options?: { path?: string } }> }).providers ?? [],
    );
    expect(providers).toEqual([expect.objectContaining({ folder: 'Switchboard' })]);
    expect(providers[0].options?.path).toBe(bindTarget(services.grafana, './deploy/grafana/dashboards'));
    expect(bindTarget(services.grafana, './deploy/grafana/provisioning')).toBe('/etc/grafana/provisioning');
  });

  it('parses every dashboard and points each panel at a provisioned datasource', () => {
    expect(dashboards.length).toBeGreaterThan(0);
    const uids = new Set<string>();
    for (const file of dashboards) {
      const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { uid?: string; title?: string; panels?: Panel[] };
      expect({ file: basename(file), uid: Boolean(dashboard.uid), title: Boolean(dashboard.title) }).toEqual({
        file: basename(file),
        uid: true,
        title: true,
      });
      const uid = dashboard.uid ?? '';
      expect({ file: basename(file), duplicateUid: uids.has(uid) }).toEqual({ file: basename(file), duplicateUid: false });
      uids.add(uid);
      const queried = allPanels(dashboard.panels).filter((panel) => (panel.targets ?? []).length > 0);
      expect(queried.length).toBeGreaterThan(0);
      for (const panel of queried) {
        const refs = [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)].filter((ref) => ref !== undefined);
        const bad = refs.filter(
          (ref) => typeof ref !== 'object' || ref === null || !ref.uid || !(provisionedUids.has(ref.uid) || GRAFANA_BUILTIN_DATASOURCES.has(ref.uid)),
        );
        expect({ file: basename(file), panel: panel.title, hasDatasource: typeof panel.datasource === 'object' && panel.datasource !== null, bad }).toEqual({
          file: basename(file),
          panel: panel.title,
          hasDatasource: true,
          bad: [],
        });
      }
    }
  });

  it('charts ingest rate, processor lag, parked events, outbox depth and HTTP p99 on the system health dashboard', () => {
    const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards/system-health.json'), 'utf8')) as { panels?: Panel[] };
    const exprs = allPanels(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((t) => (t.expr ?? '').replace(/\s+/g, ' ')));
    const charted = (pattern: RegExp) => exprs.some((expr) => pattern.test(expr));
    expect({
      ingestByChannel: charted(/sum by \(channel\) \(rate\(switchboard_contacts_received_total\[5m\]\)\)/),
      processorLagSeconds: charted(/max by \(processor\) \(switchboard_processor_lag_seconds\)/),
      processorLagEvents: charted(/max by \(processor\) \(switchboard_processor_lag_events\)/),
      parkedEvents: charted(/max by \(processor\) \(switchboard_processor_parked_events\)/),
      outboxDepth: charted(/switchboard_outbox_depth/),
      httpP99ByRoute: charted(/histogram_quantile\(0\.99, sum by \(le, route\) \(rate\(switchboard_http_request_duration_seconds_bucket\[5m\]\)\)\)/),
    }).toEqual({ ingestByChannel: true, processorLagSeconds: true, processorLagEvents: true, parkedEvents: true, outboxDepth: true, httpP99ByRoute: true });
  });

  it("opens on a dashboard that exists: the help desk's operations overview", () => {
    const home = environmentOf(services.grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? '';
    const mounted = bindTarget(services.grafana, './deploy/grafana/dashboards') ?? '(not mounted)';
    expect(home.startsWith(`${mounted}/`)).toBe(true);
    const file = join(root, 'deploy/grafana/dashboards', home.slice(mounted.length + 1));
    expect(existsSync(file)).toBe(true);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { uid?: string }).uid).toBe('switchboard-operations');
  });

  describe('help-desk dashboards on ClickHouse', () => {
    interface Variable {
      type: string;
      name: string;
      query?: unknown;
      datasource?: DatasourceRef;
      multi?: boolean;
      includeAll?: boolean;
    }
    interface ClickHouseDashboard {
      uid: string;
      panels?: Array<
        Panel & { targets?: Array<{ rawSql?: string; datasource?: DatasourceRef }>; fieldConfig?: { defaults?: { links?: Array<{ url: string }> } } }
      >;
      templating?: { list?: Variable[] };
    }
    const helpDesk = ['operations-overview.json', 'my-board.json', 'team-board.json'].map(
      (file) => [file, JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards', file), 'utf8')) as ClickHouseDashboard] as const,
    );
    const sqlOf = (d: ClickHouseDashboard): string[] =>
      allPanels(d.panels).flatMap((p) => ((p as { targets?: Array<{ rawSql?: string }> }).targets ?? []).map((t) => t.rawSql ?? ''));

    it('reads only ClickHouse, with SQL the 18.16 server runs (no $__timeInterval: it needs toStartOfInterval)', () => {
      for (const [file, d] of helpDesk) {
        for (const panel of allPanels(d.panels).filter((p) => p.type !== 'row')) {
          expect({ file, panel: panel.title, datasource: panel.datasource }).toEqual({
            file,
            panel: panel.title,
            datasource: { type: 'grafana-clickhouse-datasource', uid: 'clickhouse' },
          });
        }
        for (const text of sqlOf(d)) expect(text).not.toMatch(/\$__timeInterval|toStartOfInterval|DateTime64|(?<!\$)\{\w+:\w+\}/);
      }
    });

    it('links every table row to the console through a console_url constant', () => {
      for (const [file, d] of helpDesk) {
        const consoleUrl = (d.templating?.list ?? []).find((v) => v.name === 'console_url');
        expect({ file, consoleUrl }).toEqual({ file, consoleUrl: expect.objectContaining({ type: 'constant', query: 'http://localhost:3000/console' }) });
        const tables = (d.panels ?? []).filter((p) => p.type === 'table');
        for (const table of tables) {
          const urls = (table.fieldConfig?.defaults?.links ?? []).map((l) => l.url);
          expect({
            file,
            panel: table.title,
            linked: urls.length > 0 && urls.every((u) => /^\$\{console_url\}\/\w+.*\$\{__data\.fields\.\w+\}/.test(u)),
          }).toEqual({ file, panel: table.title, linked: true });
        }
      }
    });

    it('gives every operator their own board through ${__user.login}, quoted by Grafana', () => {
      const [, board] = helpDesk.find(([file]) => file === 'my-board.json') ?? ['', { uid: '' }];
      const queries = sqlOf(board);
      expect(queries.length).toBeGreaterThan(0);
      for (const text of queries) expect(text).toContain('username = ${__user.login:sqlstring}');
    });

    it('filters the team board by department and work group variables fed by ClickHouse queries', () => {
      const [, board] = helpDesk.find(([file]) => file === 'team-board.json') ?? ['', { uid: '' }];
      const variables = board.templating?.list ?? [];
      for (const name of ['department', 'work_group']) {
        expect(variables.find((v) => v.name === name)).toMatchObject({ type: 'query', multi: true, includeAll: true, datasource: { uid: 'clickhouse' } });
      }
      const filtered = sqlOf(board).filter((text) => text.includes('$__conditionalAll(department IN (${department:sqlstring}), $department)'));
      expect(filtered.length).toBeGreaterThanOrEqual(4);
    });
  });
});
