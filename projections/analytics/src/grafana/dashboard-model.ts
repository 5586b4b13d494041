import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a provisioned dashboard JSON the tests and the benchmark read. */
export interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly panels?: readonly PanelJson[];
  readonly templating?: { readonly list?: readonly VariableJson[] };
}

export interface PanelJson {
  readonly id?: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string } | null;
  readonly targets?: readonly { readonly rawSql?: string; readonly format?: number; readonly datasource?: { readonly uid?: string } }[];
  readonly fieldConfig?: { readonly defaults?: { readonly links?: readonly { readonly title: string; readonly url: string }[] } };
  readonly panels?: readonly PanelJson[];
}

export interface VariableJson {
  readonly type: string;
  readonly name: string;
  readonly query?: string | { readonly rawSql?: string };
  readonly datasource?: { readonly uid?: string } | null;
  readonly multi?: boolean;
  readonly includeAll?: boolean;
}

export interface PanelQuery {
  readonly dashboard: DashboardJson;
  /** `<dashboard uid without "switchboard-">/<panel title>`, the benchmark's key. */
  readonly key: string;
  readonly panel: PanelJson;
  readonly rawSql: string;
}

export const CLICKHOUSE_DATASOURCE_UID = 'clickhouse';

export function readDashboards(dir: string): DashboardJson[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as DashboardJson);
}

export function panelsOf(dashboard: DashboardJson): PanelJson[] {
  const walk = (panels: readonly PanelJson[] = []): PanelJson[] => panels.flatMap((p) => [p, ...walk(p.panels)]);
  return walk(dashboard.panels);
}

/** Every ClickHouse query of every panel. */
export function clickHousePanelQueries(dashboards: readonly DashboardJson[]): PanelQuery[] {
  return dashboards.flatMap((dashboard) =>
    panelsOf(dashboard).flatMap((panel) =>
      (panel.targets ?? [])
        .filter((t) => (t.datasource?.uid ?? panel.datasource?.uid) === CLICKHOUSE_DATASOURCE_UID && t.rawSql)
        .map((t) => ({ dashboard, panel, key: `${dashboard.uid.replace(/^switchboard-/, '')}/${panel.title}`, rawSql: t.rawSql ?? '' })),
    ),
  );
}

export function variableQuery(variable: VariableJson): string | undefined {
  if (variable.type !== 'query') return undefined;
  return typeof variable.query === 'string' ? variable.query : variable.query?.rawSql;
}
