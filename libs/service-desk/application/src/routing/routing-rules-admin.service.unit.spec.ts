import type { Principal } from '@switchboard/identity/domain';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import { RoutingRuleForbiddenError, StaleRoutingRuleError } from './routing-rule.errors';
import { RoutingRulesAdmin } from './routing-rules-admin.service';
import type { RoutingRuleChange, RoutingRuleDraft, RoutingRuleList, RoutingRuleStore, StoredRoutingRule } from './routing-rules.port';

/** The store's contract as the admin relies on it, in memory: `check` runs on the current rules before anything changes. */
class MemoryRoutingRules implements RoutingRuleStore {
  rules: StoredRoutingRule[] = [];
  revision = 0;

  async list(): Promise<RoutingRuleList> {
    return { revision: this.revision, rules: this.rules.map((r, position) => ({ ...r, position })) };
  }
  async create(id: string, draft: RoutingRuleDraft, change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<StoredRoutingRule> {
    check(await this.list());
    const rule = { ...draft, id, position: this.rules.length, version: 1, updatedBy: change.by, updatedAt: change.at.toISOString() };
    this.rules.push(rule);
    this.revision++;
    return rule;
  }
  async update(
    id: string,
    draft: RoutingRuleDraft,
    change: RoutingRuleChange,
    check: (current: StoredRoutingRule, all: RoutingRuleList) => void,
  ): Promise<StoredRoutingRule> {
    const i = this.rules.findIndex((r) => r.id === id);
    check(this.rules[i], await this.list());
    this.rules[i] = { ...this.rules[i], ...draft, version: this.rules[i].version + 1 };
    this.revision++;
    return this.rules[i];
  }
  async remove(id: string, change: RoutingRuleChange, check: (current: StoredRoutingRule, all: RoutingRuleList) => void): Promise<void> {
    check(this.rules.find((r) => r.id === id) as StoredRoutingRule, await this.list());
    this.rules = this.rules.filter((r) => r.id !== id);
    this.revision++;
  }
  async reorder(ids: readonly string[], change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<RoutingRuleList> {
    check(await this.list());
    this.rules = ids.map((id) => this.rules.find((r) => r.id === id) as StoredRoutingRule);
    this.revision++;
    return this.list();
  }
}

const manager = (departments: string[]): Principal => ({
  userId: `m-${departments.join('-')}`,
  username: 'm',
  roles: ['HelpDeskManager'],
  departments,
  workGroups: [],
});
const north = manager(['north']);
const south = manager(['south']);
const draft = (department: string, extra: Partial<RoutingRuleDraft> = {}): RoutingRuleDraft => ({
  name: `to ${department}`,
  enabled: true,
  conditions: {},
  outcome: { department },
  ...extra,
});

describe('routing rules admin', () => {
  let store: MemoryRoutingRules;
  let admin: RoutingRulesAdmin;
  let invalidated = 0;

  beforeEach(async () => {
    store = new MemoryRoutingRules();
    invalidated = 0;
    admin = new RoutingRulesAdmin(store, { current: async () => [], invalidate: () => invalidated++ });
    await admin.create(north, 'n1', draft('north'));
    await admin.create(south, 's1', draft('south'));
    await admin.create(north, 'n2', draft('north'));
  });

  it('lets a manager create rules only into their own departments, and tells the cache', async () => {
    expect(invalidated).toBe(3);
    await expect(admin.create(north, 'x', draft('south'))).rejects.toMatchObject({ rule: 'routing-department-not-yours' });
    const operator: Principal = { ...north, roles: ['HelpDeskUser'] };
    await expect(admin.create(operator, 'x', draft('north'))).rejects.toBeInstanceOf(RoutingRuleForbiddenError);
  });

  it('refuses an unsafe pattern even when the edge let it through', async () => {
    await expect(admin.create(north, 'x', draft('north', { conditions: { pattern: '(a+)+$' } }))).rejects.toBeInstanceOf(DomainRuleError);
  });

  it('edits only rules of one’s departments, into one’s departments, at the version seen', async () => {
    await expect(admin.update(north, 's1', draft('north'), undefined)).rejects.toMatchObject({ rule: 'routing-department-not-yours' });
    await expect(admin.update(north, 'n1', draft('south'), undefined)).rejects.toMatchObject({ rule: 'routing-department-not-yours' });
    await expect(admin.update(north, 'n1', draft('north'), 7)).rejects.toBeInstanceOf(StaleRoutingRuleError);
    await expect(admin.update(north, 'n1', draft('north', { name: 'renamed' }), 1)).resolves.toMatchObject({ name: 'renamed', version: 2 });
    await expect(admin.remove(south, 'n1', undefined)).rejects.toBeInstanceOf(RoutingRuleForbiddenError);
  });

  it('reorders one’s own rules among the others, which keep their relative order', async () => {
    const { revision } = await store.list();
    await expect(admin.reorder(north, ['n2', 's1', 'n1'], revision)).resolves.toMatchObject({ rules: [{ id: 'n2' }, { id: 's1' }, { id: 'n1' }] });
    const now = (await store.list()).revision;
    await expect(admin.reorder(north, ['s1', 'n2', 'n1'], now)).resolves.toBeDefined();
    await expect(admin.reorder(north, ['n2', 's1', 'n1'], now)).rejects.toBeInstanceOf(StaleRoutingRuleError);
    store.rules.push({ ...draft('south'), id: 's2', position: 3, version: 1, updatedBy: 'x', updatedAt: '' });
    const later = (await store.list()).revision;
    await expect(admin.reorder(north, ['s2', 's1', 'n2', 'n1'], later)).rejects.toMatchObject({ rule: 'routing-order-of-others' });
    await expect(admin.reorder(north, ['s1', 'n2', 'n1'], later)).rejects.toMatchObject({ rule: 'routing-order-incomplete' });
    await expect(admin.reorder(north, ['s1', 's1', 'n2', 'n1'], later)).rejects.toMatchObject({ rule: 'routing-order-incomplete' });
  });
});
