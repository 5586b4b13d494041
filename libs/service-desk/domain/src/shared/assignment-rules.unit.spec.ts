import { checkDepartmentMove, checkIncidentAssignee, checkRequestAssignee } from './assignment-rules';
import type { Assignee } from './assignment-rules';
import { DomainRuleError } from './domain-errors';

const user = (username: string, roles: string[], departments: string[] = [], workGroups: string[] = []): Assignee => ({
  id: `id-${username}`,
  username,
  roles,
  departments,
  workGroups,
});
const hdNorth = user('hd.user.north2', ['HelpDeskUser'], ['first-line-north']);
const hdSouth = user('hd.user.south', ['HelpDeskUser'], ['first-line-south']);
const l3Network = user('l3.user.network2', ['SL3User'], [], ['network-l3']);
const l3Billing = user('l3.user.billing', ['SL3User'], [], ['billing-l3']);

const ruleOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleError) return error.rule;
    throw error;
  }
};

describe('who may be assigned', () => {
  it.each([
    ['a help-desk operator of the request’s department', hdNorth, 'first-line-north', undefined],
    ['nobody the directory knows', undefined, 'first-line-north', 'assignee-unknown'],
    ['an L3 engineer', l3Network, 'first-line-north', 'assignee-not-help-desk'],
    ['an operator of another department', hdSouth, 'first-line-north', 'assignee-not-in-department'],
  ] as const)('a request takes %s', (_, assignee, department, rule) => {
    expect(ruleOf(() => checkRequestAssignee('x', assignee, department))).toBe(rule);
  });

  it.each([
    ['an engineer of the incident’s work group', l3Network, 'network-l3', undefined],
    ['nobody the directory knows', undefined, 'network-l3', 'assignee-unknown'],
    ['a help-desk operator', hdNorth, 'network-l3', 'assignee-not-l3-engineer'],
    ['an engineer of another work group', l3Billing, 'network-l3', 'assignee-not-in-work-group'],
    ['anyone when the work group is not in the directory', l3Network, undefined, 'assignee-not-in-work-group'],
  ] as const)('an incident takes %s', (_, assignee, workGroup, rule) => {
    expect(ruleOf(() => checkIncidentAssignee('x', assignee, workGroup))).toBe(rule);
  });

  it('names what the operator typed when nobody matches', () => {
    expect(() => checkRequestAssignee('<script>', undefined, 'first-line-north')).toThrow('No user <script> in the directory.');
  });
});

describe('moving a request between departments', () => {
  it.each([
    ['a manager to a department that exists', ['request.move:department'], 'first-line-south', true, undefined],
    ['a manager to one that does not', ['request.move:department'], 'no-such-dept', false, 'unknown-department'],
    ['an operator anywhere else', ['request.work:own', 'request.take:department'], 'first-line-south', true, 'department-move-needs-manager'],
    ['an operator keeping the department', ['request.work:own'], 'first-line-north', true, undefined],
  ] as const)('allows %s only as the rule says', (_, held, to, exists, rule) => {
    expect(ruleOf(() => checkDepartmentMove(new Set<string>(held), 'first-line-north', to, exists))).toBe(rule);
  });
});
