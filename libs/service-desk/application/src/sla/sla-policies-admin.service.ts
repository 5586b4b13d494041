import { Inject, Injectable } from '@nestjs/common';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { checkSlaPolicy } from '@switchboard/service-desk/domain';
import type { SlaScope } from '@switchboard/service-desk/domain';
import { SERVICE_ROUTING } from '../ports/service-routing.port';
import type { ServiceRouting } from '../ports/service-routing.port';
import { WORK_GROUP_DIRECTORY } from '../ports/work-group-directory.port';
import type { WorkGroupDirectory } from '../ports/work-group-directory.port';
import { SLA_POLICY_STORE, SlaPolicyForbiddenError, StaleSlaPolicyError } from './sla-policies.port';
import type { SlaPolicyDraft, SlaPolicyStore, StoredSlaPolicy } from './sla-policies.port';

/** A policy as a manager sees it in the list: `full` when they keep it. */
export type SlaPolicyView = StoredSlaPolicy & { readonly access: 'full' | 'read' };

/**
 * SLA policies as managers keep them: a help-desk manager those of their departments (requests),
 * an L3 manager those of their work groups' services (incidents). Any manager reads them all.
 */
@Injectable()
export class SlaPoliciesAdmin {
  constructor(
    @Inject(SLA_POLICY_STORE) private readonly store: SlaPolicyStore,
    @Inject(SERVICE_ROUTING) private readonly routing: ServiceRouting,
    @Inject(WORK_GROUP_DIRECTORY) private readonly groups: WorkGroupDirectory,
  ) {}

  async list(principal: Principal): Promise<SlaPolicyView[]> {
    checkManager(principal);
    const policies = await this.store.list();
    return Promise.all(policies.map(async (p) => ({ ...p, access: (await this.keeps(principal, p.scope)) ? ('full' as const) : ('read' as const) })));
  }

  async create(principal: Principal, id: string, draft: SlaPolicyDraft): Promise<StoredSlaPolicy> {
    await this.checkDraft(principal, draft);
    return this.store.create(id, draft, changeBy(principal));
  }

  async update(principal: Principal, id: string, draft: SlaPolicyDraft, expectedVersion: number | undefined): Promise<StoredSlaPolicy> {
    await this.checkDraft(principal, draft);
    const current = (await this.store.list()).find((p) => p.id === id);
    if (current) await this.checkScope(principal, current.scope);
    return this.store.update(id, draft, changeBy(principal), (stored) => {
      if (expectedVersion !== undefined && expectedVersion !== stored.version) throw new StaleSlaPolicyError(expectedVersion, stored.version);
    });
  }

  async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
    checkManager(principal);
    const current = (await this.store.list()).find((p) => p.id === id);
    if (current) await this.checkScope(principal, current.scope);
    await this.store.remove(id, changeBy(principal), (stored) => {
      if (expectedVersion !== undefined && expectedVersion !== stored.version) throw new StaleSlaPolicyError(expectedVersion, stored.version);
    });
  }

  private async checkDraft(principal: Principal, draft: SlaPolicyDraft): Promise<void> {
    await this.checkScope(principal, draft.scope);
    checkSlaPolicy(draft);
  }

  private async checkScope(principal: Principal, scope: SlaScope): Promise<void> {
    checkManager(principal);
    if (await this.keeps(principal, scope)) return;
    throw scope.kind === 'department'
      ? new SlaPolicyForbiddenError('sla-department-not-yours', `You manage no department "${scope.department}": only its managers keep its SLA.`)
      : new SlaPolicyForbiddenError(
          'sla-service-not-yours',
          `Service ${scope.serviceCode} is not of a work group you manage: only its L3 managers keep its SLA.`,
        );
  }

  private async keeps(principal: Principal, scope: SlaScope): Promise<boolean> {
    if (scope.kind === 'department') return holds(principal, 'sla.admin:department') && principal.departments.includes(scope.department);
    if (!holds(principal, 'sla.admin:work-group')) return false;
    const route = await this.routing.routeFor(scope.serviceCode);
    const group = route ? await this.groups.groupOf(route.workGroupCode) : undefined;
    return group !== undefined && principal.workGroups.includes(group);
  }
}

const changeBy = (principal: Principal) => ({ by: principal.userId, at: new Date() });

function checkManager(principal: Principal): void {
  if (!holds(principal, 'sla.admin:department', 'sla.admin:work-group'))
    throw new SlaPolicyForbiddenError('sla-needs-manager', 'Only a HelpDeskManager or an SL3Manager keeps SLA policies.');
}
