/**
 * What Grafana and the ClickHouse data source plugin (grafana-clickhouse-datasource v4) do to a
 * panel's SQL before ClickHouse sees it, in the same order, so tests and the benchmark can run
 * the dashboards' queries without Grafana:
 *
 * 1. `$__conditionalAll(<condition>, $var)` (plugin, frontend) becomes `1=1` when the variable is
 *    All (`$__all`) or empty, else `<condition>`.
 * 2. Template variables (Grafana's template service, with the plugin's default format):
 *    `$var`, `${var}`, `[[var]]`, `${var:<format>}`, `${__user.login}`; a multi-value variable
 *    without a format becomes `'a','b'`, a single value is inserted as is. Formats implemented:
 *    `sqlstring` (`'it''s'`), `singlequote`, `doublequote`, `csv`, `raw`, `pipe`.
 *    Unknown names are left alone (the plugin's macros are `$__…` names too).
 * 3. Macros (plugin backend, pkg/macros):
 *      `$__timeFilter(col)` → `col >= toDateTime(<from s>) AND col <= toDateTime(<to s>)`
 *      `$__dateFilter(col)` → `col >= toDate('<from>') AND col <= toDate('<to>')`
 *      `$__fromTime` → `toDateTime(<from s>)`, `$__toTime` → `toDateTime(<to s>)`
 *      `$__interval_s` → the interval in whole seconds (at least 1)
 *      `$__timeInterval(col)` → `toStartOfInterval(toDateTime(col), INTERVAL <n> second)` — which
 *      ClickHouse 18.16 lacks, so the dashboards bucket with `$__interval_s` instead.
 */

export interface TemplateVariableValue {
  /** What is selected; `'$__all'` (or `['$__all']`) for All. */
  readonly current: string | readonly string[];
  /** What All stands for: every option's value (Grafana's default when no custom all value is set). */
  readonly options?: readonly string[];
  /** A custom all value, used instead of the options when All is selected. */
  readonly allValue?: string;
}

export interface PanelQueryContext {
  readonly from: Date;
  readonly to: Date;
  readonly intervalSeconds: number;
  readonly user: { readonly login: string; readonly email?: string; readonly name?: string; readonly id?: number };
  readonly variables: Readonly<Record<string, TemplateVariableValue>>;
}

const ALL = '$__all';

export function expandPanelQuery(rawSql: string, context: PanelQueryContext): string {
  return expandMacros(replaceVariables(applyConditionalAll(rawSql, context), context), context);
}

/** Step 1, as the plugin's `applyConditionalAll`: from the last occurrence backwards. */
export function applyConditionalAll(query: string, context: PanelQueryContext): string {
  const macro = '$__conditionalAll(';
  let index = query.lastIndexOf(macro);
  while (index !== -1) {
    const args = macroArgs(query, index + macro.length - 1);
    if (args.length !== 2) return query;
    const name = /(?<=\$\{)\w+(?=\})|(?<=\$)\w+/.exec(args[1].trim())?.[0];
    let phrase = args[0];
    if (name) {
      const current = context.variables[name]?.current;
      const value = current === undefined ? undefined : Array.isArray(current) ? current.join(',') : String(current);
      if (value === '' || value === ALL) phrase = '1=1';
    }
    query = query.replace(`${macro}${args[0]},${args[1]})`, phrase);
    index = query.lastIndexOf(macro);
  }
  return query;
}

/** The plugin's `getMacroArgs`: arguments split on commas at the first bracket level. */
function macroArgs(query: string, openParen: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = openParen + 1;
  for (let i = openParen; i < query.length; i++) {
    const c = query[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === ',' && depth === 1) {
      args.push(query.slice(start, i));
      start = i + 1;
    }
    if (depth === 0) {
      args.push(query.slice(start, i));
      return args;
    }
  }
  return [];
}

// Grafana's variable syntax (public/app/features/variables/utils.ts, variableRegex).
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

/** Step 2, as Grafana's template service with the plugin's `format` for unformatted values. */
export function replaceVariables(query: string, context: PanelQueryContext): string {
  return query.replace(
    VARIABLE,
    (match: string, plain?: string, bracket?: string, bracketFormat?: string, braced?: string, fieldPath?: string, bracedFormat?: string) => {
      const name = plain ?? bracket ?? braced ?? '';
      const format = bracketFormat ?? bracedFormat;
      const value = resolve(name, fieldPath, context);
      if (value === undefined) return match;
      return format ? formatValue(value, format) : pluginFormat(value);
    },
  );
}

function resolve(name: string, fieldPath: string | undefined, context: PanelQueryContext): string | readonly string[] | undefined {
  switch (name) {
    case '__user': {
      const field = (fieldPath ?? 'login') as keyof PanelQueryContext['user'];
      const value = context.user[field];
      return value === undefined ? '' : String(value);
    }
    case '__interval':
      return `${context.intervalSeconds}s`;
    case '__interval_ms':
      return String(context.intervalSeconds * 1000);
    case '__from':
      return String(context.from.getTime());
    case '__to':
      return String(context.to.getTime());
    case '__range_s':
      return String(Math.round((context.to.getTime() - context.from.getTime()) / 1000));
    default:
      break;
  }
  const variable = context.variables[name];
  if (!variable) return undefined;
  const selected = typeof variable.current === 'string' ? [variable.current] : variable.current;
  if (selected.includes(ALL)) return variable.allValue ?? variable.options ?? [];
  return typeof variable.current === 'string' ? variable.current : variable.current;
}

/** The plugin's `format`: arrays as `'a','b'`, anything else unchanged. */
function pluginFormat(value: string | readonly string[]): string {
  return Array.isArray(value) ? `'${value.join("','")}'` : String(value);
}

function formatValue(value: string | readonly string[], format: string): string {
  const values = typeof value === 'string' ? [value] : value;
  switch (format) {
    case 'sqlstring':
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'singlequote':
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'csv':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case 'raw':
      return typeof value === 'string' ? value : values.join(',');
    default:
      throw new Error(`Variable format '${format}' is not implemented by this expansion`);
  }
}

const MACROS: Record<string, (args: string[], context: PanelQueryContext) => string> = {
  timeFilter: ([column], c) => `${column} >= ${dateTime(c.from)} AND ${column} <= ${dateTime(c.to)}`,
  dateFilter: ([column], c) => `${column} >= ${date(c.from)} AND ${column} <= ${date(c.to)}`,
  fromTime: (_args, c) => dateTime(c.from),
  toTime: (_args, c) => dateTime(c.to),
  interval_s: (_args, c) => String(Math.max(1, Math.floor(c.intervalSeconds))),
  timeInterval: ([column], c) => `toStartOfInterval(toDateTime(${column}), INTERVAL ${Math.max(1, Math.floor(c.intervalSeconds))} second)`,
};

const ARITY: Record<string, number> = { timeFilter: 1, dateFilter: 1, timeInterval: 1, fromTime: 0, toTime: 0, interval_s: 0 };

/** Step 3, as the plugin backend: `$__name` or `$__name(args)`; any other `$__…` left is an error. */
export function expandMacros(query: string, context: PanelQueryContext): string {
  const macroName = /\$__(\w+)/g;
  let out = '';
  let copied = 0;
  for (let m = macroName.exec(query); m; m = macroName.exec(query)) {
    const name = m[1];
    const macro = MACROS[name];
    if (!macro) throw new Error(`Unknown macro ${m[0]} (the ClickHouse data source does not expand it)`);
    let end = macroName.lastIndex;
    let args: string[] = [];
    if (query[end] === '(') {
      const close = closingParen(query, end);
      args = splitTopLevel(query.slice(end + 1, close)).map((a) => a.trim());
      end = close + 1;
    }
    if (args.length !== ARITY[name]) throw new Error(`${m[0]} takes ${ARITY[name]} argument(s), got ${args.length}`);
    out += query.slice(copied, m.index) + macro(args, context);
    copied = end;
    macroName.lastIndex = end;
  }
  return out + query.slice(copied);
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`Unbalanced parentheses after position ${open}`);
}

function splitTopLevel(text: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function dateTime(time: Date): string {
  return `toDateTime(${Math.floor(time.getTime() / 1000)})`;
}

function date(time: Date): string {
  return `toDate('${time.toISOString().slice(0, 10)}')`;
}
