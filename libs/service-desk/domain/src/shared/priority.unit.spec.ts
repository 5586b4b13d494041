import { DomainRuleError } from './domain-errors';
import { checkPriorityChange, defaultPriority, priorities } from './priority';

describe('priority', () => {
  it('orders P1 (most urgent) to P4, with P3 for what nobody prioritised', () => {
    expect([...priorities]).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(defaultPriority).toBe('P3');
  });

  it.each([
    ['a holder of request.set-priority:department on a request', ['request.set-priority:department'], 'request', undefined],
    ['anyone else on a request', ['request.work:own', 'incident.set-priority:work-group'], 'request', 'priority-needs-manager'],
    ['a holder of incident.set-priority:work-group on an incident', ['incident.set-priority:work-group'], 'incident', undefined],
    ['anyone else on an incident', ['incident.work:own'], 'incident', 'priority-needs-manager'],
    ['a holder of request.set-priority:department on an incident', ['request.set-priority:department'], 'incident', 'priority-needs-manager'],
  ] as const)('is set by %s only as the rule says', (_, held, entity, rule) => {
    let caught: unknown;
    try {
      checkPriorityChange(new Set<string>(held), entity);
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof DomainRuleError ? caught.rule : undefined).toBe(rule);
  });
});
