import { DomainRuleError } from './domain-errors';

/** How urgent a request or incident is: P1 most urgent, P4 least. Queues serve P1 first. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** What an entity that nobody has prioritised counts as. */
export const defaultPriority: Priority = 'P3';

const priorityManager = { request: 'HelpDeskManager', incident: 'SL3Manager' } as const;

/** Priority is the managers' call: a help-desk manager on requests, an L3 manager on incidents. */
export const setsPriority = (actorRoles: readonly string[], entity: 'request' | 'incident'): boolean => actorRoles.includes(priorityManager[entity]);

export function checkPriorityChange(actorRoles: readonly string[], entity: 'request' | 'incident'): void {
  if (!setsPriority(actorRoles, entity))
    throw new DomainRuleError('priority-needs-manager', `Only a ${priorityManager[entity]} sets the priority of a ${entity}.`);
}
