import { DomainRuleError } from './domain-errors';

/** How urgent a request or incident is: P1 most urgent, P4 least. Queues serve P1 first. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** What an entity that nobody has prioritised counts as. */
export const defaultPriority: Priority = 'P3';

/**
 * The permission (ADR 0031's catalogue) that sets an entity's priority: by default the managers'
 * call, a help-desk manager's on their departments' requests, an L3 manager's on their work groups' incidents.
 */
export const priorityPermission = { request: 'request.set-priority:department', incident: 'incident.set-priority:work-group' } as const;

/** Whether the actor's permissions (`held`) set the priority of a request or incident. */
export const setsPriority = (held: ReadonlySet<string>, entity: 'request' | 'incident'): boolean => held.has(priorityPermission[entity]);

export function checkPriorityChange(held: ReadonlySet<string>, entity: 'request' | 'incident'): void {
  if (!setsPriority(held, entity))
    throw new DomainRuleError('priority-needs-manager', `Only a manager (${priorityPermission[entity]}) sets the priority of a ${entity}.`);
}
