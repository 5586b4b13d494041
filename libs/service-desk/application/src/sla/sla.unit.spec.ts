import type { Principal } from '@switchboard/identity/domain';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import type { SlaClock, SlaScope } from '@switchboard/service-desk/domain';
import { timersOf } from './sla-clock.process-manager';
import { SlaPoliciesAdmin } from './sla-policies-admin.service';
import { SlaPolicyForbiddenError, StaleSlaPolicyError } from './sla-policies.port';
import type { SlaPolicyChange, SlaPolicyDraft, SlaPolicyStore, StoredSlaPolicy } from './sla-policies.port';

class MemorySlaPolicies implements SlaPolicyStore {
  policies: StoredSlaPolicy[] = [];
  async list(): Promise<StoredSlaPolicy[]> {
    return this.policies;
  }
  async forScope(scope: SlaScope): Promise<StoredSlaPolicy | undefined> {
    return this.policies.find((p) => JSON.stringify(p.scope) === JSON.stringify(scope));
  }
  async create(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange): Promise<StoredSlaPolicy> {
    const policy = { ...draft, id, version: 1, updatedBy: change.by, updatedAt: change.at.toISOString() };
    this.policies.push(policy);
    return policy;
  }
  async update(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<StoredSlaPolicy> {
    const i = this.policies.findIndex((p) => p.id === id);
    check(this.policies[i]);
    this.policies[i] = { ...this.policies[i], ...draft, version: this.policies[i].version + 1 };
    return this.policies[i];
  }
  async remove(id: string, _change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<void> {
    check(this.policies.find((p) => p.id === id) as StoredSlaPolicy);
    this.policies = this.policies.filter((p) => p.id !== id);
  }
}

const principal = (roles: Principal['roles'], departments: string[] = [], workGroups: string[] = []): Principal => ({
  userId: `u-${roles.join('-')}`,
  username: 'u',
  roles,
  departments,
  workGroups,
});

const draft = (scope: SlaScope): SlaPolicyDraft => ({
  name: 'Standard',
  scope,
  calendar: { kind: '24x7' },
  targets: { P3: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
  escalateOnBreach: false,
});

describe('SLA policies as managers keep them', () => {
  const routing = { routeFor: async (code: number) => (code === 1001 ? { serviceCode: 1001, workGroupCode: 301 } : undefined) };
  const groups = { groupOf: async (code: number) => (code === 301 ? 'network-l3' : undefined) };
  let store: MemorySlaPolicies;
  let admin: SlaPoliciesAdmin;
  beforeEach(() => {
    store = new MemorySlaPolicies();
    admin = new SlaPoliciesAdmin(store, routing, groups);
  });

  it('lets a help-desk manager keep the policy of their department only', async () => {
    const north = principal(['HelpDeskManager'], ['first-line-north']);
    await admin.create(north, 'p-1', draft({ kind: 'department', department: 'first-line-north' }));
    await expect(admin.create(north, 'p-2', draft({ kind: 'department', department: 'first-line-south' }))).rejects.toBeInstanceOf(SlaPolicyForbiddenError);
    expect(await admin.list(principal(['HelpDeskManager'], ['first-line-south']))).toEqual([expect.objectContaining({ id: 'p-1', access: 'read' })]);
  });

  it('lets an L3 manager keep the policy of a service of their work group, not a help-desk department', async () => {
    const network = principal(['SL3Manager'], [], ['network-l3']);
    await admin.create(network, 'p-1', draft({ kind: 'service', serviceCode: 1001 }));
    await expect(admin.create(network, 'p-2', draft({ kind: 'service', serviceCode: 2001 }))).rejects.toBeInstanceOf(SlaPolicyForbiddenError);
    await expect(admin.create(network, 'p-3', draft({ kind: 'department', department: 'first-line-north' }))).rejects.toBeInstanceOf(SlaPolicyForbiddenError);
  });

  it('refuses operators, a stale version and a policy the clock cannot keep', async () => {
    const north = principal(['HelpDeskManager'], ['first-line-north']);
    await expect(admin.list(principal(['HelpDeskUser'], ['first-line-north']))).rejects.toBeInstanceOf(SlaPolicyForbiddenError);
    await admin.create(north, 'p-1', draft({ kind: 'department', department: 'first-line-north' }));
    await admin.update(north, 'p-1', { ...draft({ kind: 'department', department: 'first-line-north' }), name: 'Faster' }, 1);
    await expect(admin.update(north, 'p-1', draft({ kind: 'department', department: 'first-line-north' }), 1)).rejects.toBeInstanceOf(StaleSlaPolicyError);
    await expect(
      admin.create(north, 'p-2', {
        ...draft({ kind: 'department', department: 'first-line-north' }),
        targets: { P1: { firstResponseMinutes: 60, resolutionMinutes: 30 } },
      }),
    ).rejects.toBeInstanceOf(DomainRuleError);
  });
});

describe('the SLA timers a clock needs', () => {
  const running: SlaClock = {
    policyId: 'p-1',
    policyName: 'Standard',
    priority: 'P3',
    firstResponse: { targetMinutes: 30, status: 'met', elapsedMs: 60_000, stoppedAt: '2026-12-07T08:01:00.000Z' },
    resolution: {
      targetMinutes: 240,
      status: 'running',
      elapsedMs: 0,
      runningSince: '2026-12-07T08:00:00.000Z',
      dueAt: '2026-12-07T12:00:00.000Z',
      warnAt: '2026-12-07T11:12:00.000Z',
    },
  };

  it('schedules a warning and a breach for a running target, none for a met one', () => {
    expect(timersOf('request', 'r-1', running, undefined, true).map((t) => [t.target, t.mark, t.fireAt.toISOString(), t.escalate])).toEqual([
      ['resolution', 'breach', '2026-12-07T12:00:00.000Z', true],
      ['resolution', 'warning', '2026-12-07T11:12:00.000Z', false],
    ]);
  });

  it('schedules nothing already recorded, and no warning for a paused target', () => {
    const marks = new Set(['warning:resolution:2026-12-07T12:00:00.000Z']);
    expect(timersOf('request', 'r-1', running, marks, false).map((t) => t.mark)).toEqual(['breach']);
    expect(timersOf('request', 'r-1', running, new Set(['breach:resolution']), false)).toEqual([]);
    const paused: SlaClock = { ...running, resolution: { targetMinutes: 240, status: 'paused', elapsedMs: 3_600_000 } };
    expect(timersOf('incident', 'i-1', paused, undefined, false)).toEqual([]);
  });
});
