import { applyConditionalAll, expandMacros, expandPanelQuery, replaceVariables } from './grafana-query-expansion';
import type { PanelQueryContext } from './grafana-query-expansion';

const context: PanelQueryContext = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-03-08T00:00:00Z'),
  intervalSeconds: 3600,
  user: { login: "o'brien" },
  variables: {
    department: { current: ['first-line-north', 'first-line-south'] },
    work_group: { current: '$__all', options: ['301', '302'] },
    single: { current: 'abc' },
    console_url: { current: 'http://localhost:3000' },
  },
};

describe('Grafana and ClickHouse plugin query expansion', () => {
  it('expands $__timeFilter to whole-second DateTime bounds, as the plugin backend does', () => {
    expect(expandMacros('WHERE $__timeFilter(at)', context)).toBe('WHERE at >= toDateTime(1772323200) AND at <= toDateTime(1772928000)');
  });

  it('expands $__fromTime, $__toTime and $__interval_s', () => {
    expect(expandMacros('$__fromTime $__toTime intDiv(x, $__interval_s)', context)).toBe('toDateTime(1772323200) toDateTime(1772928000) intDiv(x, 3600)');
  });

  it('expands $__timeInterval like the plugin, to a function 18.16 lacks', () => {
    expect(expandMacros('$__timeInterval(at)', context)).toBe('toStartOfInterval(toDateTime(at), INTERVAL 3600 second)');
  });

  it('fails on a macro the plugin does not know or a wrong number of arguments', () => {
    expect(() => expandMacros('$__timeGroup(at, 1h)', context)).toThrow(/Unknown macro/);
    expect(() => expandMacros('$__timeFilter', context)).toThrow(/takes 1 argument/);
  });

  it('quotes ${__user.login:sqlstring} with doubled single quotes', () => {
    expect(replaceVariables('username = ${__user.login:sqlstring}', context)).toBe("username = 'o''brien'");
  });

  it('formats a multi-value variable as a quoted list without a format, and a single value as it is', () => {
    expect(replaceVariables('IN ($department) x = $single', context)).toBe("IN ('first-line-north','first-line-south') x = abc");
    expect(replaceVariables('${console_url}/requests/${__data.fields.id}', context)).toBe('http://localhost:3000/requests/${__data.fields.id}');
  });

  it('expands All to every option unless the variable has a custom all value', () => {
    expect(replaceVariables('IN (${work_group:sqlstring})', context)).toBe("IN ('301','302')");
    const custom = { ...context, variables: { ...context.variables, work_group: { current: '$__all', allValue: '.*' } } };
    expect(replaceVariables('${work_group:raw}', custom)).toBe('.*');
  });

  it('leaves the plugin macros to the backend', () => {
    expect(replaceVariables('$__timeFilter(at) AND x = $__interval_s', context)).toBe('$__timeFilter(at) AND x = $__interval_s');
  });

  it('turns $__conditionalAll into 1=1 for All and into its condition otherwise', () => {
    const query =
      'WHERE $__conditionalAll(department IN (${department:sqlstring}), $department) AND $__conditionalAll(toString(work_group_code) IN (${work_group:sqlstring}), $work_group)';
    expect(applyConditionalAll(query, context)).toBe('WHERE department IN (${department:sqlstring}) AND 1=1');
    expect(expandPanelQuery(query, context)).toBe("WHERE department IN ('first-line-north','first-line-south') AND 1=1");
  });
});
