import type { RoutableContact, Route, RoutingRule } from './routing-rule';
import { routedTextLength } from './routing-pattern';

/** Whether the rule's conditions all hold for the contact. Patterns are assumed checked (routingPatternProblem) when the rule was saved. */
export function routingRuleMatches(rule: RoutingRule, contact: RoutableContact): boolean {
  if (!rule.enabled) return false;
  const c = rule.conditions;
  if (c.channels?.length && !c.channels.includes(contact.channel)) return false;
  if (c.recipients?.length && (contact.recipient === undefined || !c.recipients.some((r) => r.toLowerCase() === contact.recipient?.toLowerCase())))
    return false;
  if (c.esbSources?.length && (contact.channel !== 'esb' || !c.esbSources.includes(contact.address))) return false;
  const text = contact.text.slice(0, routedTextLength);
  if (c.keywords?.length) {
    const lower = text.toLowerCase();
    if (!c.keywords.some((k) => lower.includes(k.toLowerCase()))) return false;
  }
  if (c.clientKinds?.length && (contact.client === undefined || !c.clientKinds.includes(contact.client.kind))) return false;
  if (c.clientInns?.length && (contact.client?.inn === undefined || !c.clientInns.includes(contact.client.inn))) return false;
  if (c.clientTags?.length && !c.clientTags.some((tag) => contact.client?.tags?.includes(tag.toLowerCase()))) return false;
  if (c.pattern !== undefined && c.pattern !== '' && !new RegExp(c.pattern, 'iu').test(text)) return false;
  return true;
}

/** The first rule (in their order) that matches the contact decides where its request goes; undefined leaves it to the intake department. */
export function routeContact(rules: readonly RoutingRule[], contact: RoutableContact): Route | undefined {
  const rule = rules.find((r) => routingRuleMatches(r, contact));
  if (!rule) return undefined;
  return {
    department: rule.outcome.department,
    priority: rule.outcome.priority,
    tags: rule.outcome.tags ?? [],
    routedBy: { ruleId: rule.id, ruleName: rule.name },
  };
}
