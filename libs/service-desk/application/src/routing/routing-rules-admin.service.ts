import { Inject, Injectable, Optional } from '@nestjs/common';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { DomainRuleError, checkRoutingPattern } from '@switchboard/service-desk/domain';
import { RoutingRuleForbiddenError, StaleRoutingRuleError } from './routing-rule.errors';
import { ROUTING_RULES, ROUTING_RULE_STORE } from './routing-rules.port';
import type { RoutingRuleDraft, RoutingRuleList, RoutingRuleSource, RoutingRuleStore, StoredRoutingRule } from './routing-rules.port';

/**
 * Routing rules as help-desk managers keep them: a manager creates, edits and deletes the rules
 * that route into their own departments, and reorders only those (the others keep their relative
 * order). Patterns are checked here as well as at the edge, so no caller can store an unsafe one.
 */
@Injectable()
export class RoutingRulesAdmin {
  constructor(
    @Inject(ROUTING_RULE_STORE) private readonly store: RoutingRuleStore,
    @Optional() @Inject(ROUTING_RULES) private readonly cache?: RoutingRuleSource,
  ) {}

  list(): Promise<RoutingRuleList> {
    return this.store.list();
  }

  async create(principal: Principal, id: string, draft: RoutingRuleDraft): Promise<StoredRoutingRule> {
    checkDraft(principal, draft);
    const created = await this.store.create(id, draft, changeBy(principal), () => undefined);
    this.changed();
    return created;
  }

  async update(principal: Principal, id: string, draft: RoutingRuleDraft, expectedVersion: number | undefined): Promise<StoredRoutingRule> {
    checkDraft(principal, draft);
    const updated = await this.store.update(id, draft, changeBy(principal), (current) => {
      checkDepartment(principal, current.outcome.department);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new StaleRoutingRuleError('rule', expectedVersion, current.version);
    });
    this.changed();
    return updated;
  }

  async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
    checkManager(principal);
    await this.store.remove(id, changeBy(principal), (current) => {
      checkDepartment(principal, current.outcome.department);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new StaleRoutingRuleError('rule', expectedVersion, current.version);
    });
    this.changed();
  }

  async reorder(principal: Principal, ids: readonly string[], expectedRevision: number | undefined): Promise<RoutingRuleList> {
    checkManager(principal);
    const reordered = await this.store.reorder(ids, changeBy(principal), (current) => {
      if (expectedRevision !== undefined && expectedRevision !== current.revision) throw new StaleRoutingRuleError('order', expectedRevision, current.revision);
      const known = new Set(current.rules.map((r) => r.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
        throw new DomainRuleError(
          'routing-order-incomplete',
          'Name every routing rule once, in the new order (reload them: one may have been added or deleted).',
        );
      }
      const others = (order: readonly string[]) =>
        order.filter((id) => !principal.departments.includes(current.rules.find((r) => r.id === id)?.outcome.department ?? ''));
      const before = others(current.rules.map((r) => r.id));
      const after = others(ids);
      if (before.length !== after.length || before.some((id, i) => after[i] !== id)) {
        throw new RoutingRuleForbiddenError(
          'routing-order-of-others',
          'You may move the rules of your own departments only; the others must keep their order.',
        );
      }
    });
    this.changed();
    return reordered;
  }

  private changed(): void {
    this.cache?.invalidate();
  }
}

function changeBy(principal: Principal) {
  return { by: principal.userId, at: new Date() };
}

function checkManager(principal: Principal): void {
  if (!holds(principal, 'routing.admin')) throw new RoutingRuleForbiddenError('routing-needs-manager', 'Only a HelpDeskManager keeps routing rules.');
}

function checkDepartment(principal: Principal, department: string): void {
  checkManager(principal);
  if (!principal.departments.includes(department))
    throw new RoutingRuleForbiddenError('routing-department-not-yours', `You manage no department "${department}": only its managers route requests there.`);
}

function checkDraft(principal: Principal, draft: RoutingRuleDraft): void {
  checkDepartment(principal, draft.outcome.department);
  if (draft.conditions.pattern) checkRoutingPattern(draft.conditions.pattern);
}
