import { DomainRuleError } from './domain-errors';
import { checkPriorityChange, defaultPriority, priorities } from './priority';

describe('priority', () => {
  it('orders P1 (most urgent) to P4, with P3 for what nobody prioritised', () => {
    expect([...priorities]).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(defaultPriority).toBe('P3');
  });

  it.each([
    ['a help-desk manager on a request', ['HelpDeskManager'], 'request', undefined],
    ['a help-desk operator on a request', ['HelpDeskUser'], 'request', 'priority-needs-manager'],
    ['an L3 manager on an incident', ['SL3Manager'], 'incident', undefined],
    ['an L3 engineer on an incident', ['SL3User'], 'incident', 'priority-needs-manager'],
    ['a help-desk manager on an incident', ['HelpDeskManager'], 'incident', 'priority-needs-manager'],
  ] as const)('is set by %s only as the rule says', (_, roles, entity, rule) => {
    let caught: unknown;
    try {
      checkPriorityChange(roles, entity);
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof DomainRuleError ? caught.rule : undefined).toBe(rule);
  });
});
