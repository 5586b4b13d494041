import type { RoutingRule } from '@switchboard/service-desk/domain';

/** A routing rule as kept: its place in the order (0 first), its version (moves on every edit) and who changed it last. */
export interface StoredRoutingRule extends RoutingRule {
  readonly position: number;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** The rules in order; `revision` moves with every change to any of them (reorder names the one it saw). */
export interface RoutingRuleList {
  readonly revision: number;
  readonly rules: readonly StoredRoutingRule[];
}

export type RoutingRuleDraft = Omit<RoutingRule, 'id'>;

/** Who changes the rules, when; the store records it in the change log. */
export interface RoutingRuleChange {
  readonly by: string;
  readonly at: Date;
}

/**
 * The routing rules and their change log (PostgreSQL, ADR 0019). Writes are serialised; each runs
 * `check` on the current rules inside its transaction, so a permission or version check cannot race.
 */
export interface RoutingRuleStore {
  list(): Promise<RoutingRuleList>;
  /** Appends the rule at the end of the order. */
  create(id: string, draft: RoutingRuleDraft, change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<StoredRoutingRule>;
  update(
    id: string,
    draft: RoutingRuleDraft,
    change: RoutingRuleChange,
    check: (current: StoredRoutingRule, all: RoutingRuleList) => void,
  ): Promise<StoredRoutingRule>;
  remove(id: string, change: RoutingRuleChange, check: (current: StoredRoutingRule, all: RoutingRuleList) => void): Promise<void>;
  /** Puts the rules in the order of `ids` (every rule, once). */
  reorder(ids: readonly string[], change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<RoutingRuleList>;
}

export const ROUTING_RULE_STORE = Symbol('RoutingRuleStore');

/** The rules intake evaluates, in order: may be a few seconds old (see CachedRoutingRules). */
export interface RoutingRuleSource {
  current(): Promise<readonly RoutingRule[]>;
  /** The rules changed (through this process): the next read loads them afresh. */
  invalidate(): void;
}

export const ROUTING_RULES = Symbol('RoutingRules');
