import { routeContact } from '@switchboard/service-desk/domain';
import type { RequestCommand, RoutingRule } from '@switchboard/service-desk/domain';
import type { InboundContact } from './intake.service';
import type { ResolvedClient } from './intake.ports';

type Registration = Pick<Extract<RequestCommand, { type: 'RegisterRequest' }>, 'department' | 'priority' | 'tags' | 'routedBy'>;

/** Where a contact's new request goes: the first routing rule that matches it, or the intake department (no rule recorded). */
export function registrationRoute(
  rules: readonly RoutingRule[],
  inbound: InboundContact,
  client: ResolvedClient,
  intakeDepartment: string | undefined,
): Registration {
  const route = routeContact(rules, {
    channel: inbound.channel,
    address: inbound.contact.address,
    recipient: inbound.recipient,
    text: inbound.text,
    ...(client.profile ? { client: client.profile } : {}),
  });
  if (!route) return { department: intakeDepartment };
  return {
    department: route.department,
    ...(route.priority ? { priority: route.priority } : {}),
    ...(route.tags.length ? { tags: route.tags } : {}),
    routedBy: route.routedBy,
  };
}
