import { Inject, Injectable } from '@nestjs/common';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { DomainRuleError, checkAutoAssignmentSettings } from '@switchboard/service-desk/domain';
import type { AutoAssignmentSettings } from '@switchboard/service-desk/domain';
import { WORK_GROUP_DIRECTORY } from '../ports/work-group-directory.port';
import type { WorkGroupDirectory } from '../ports/work-group-directory.port';
import { AutoAssignmentForbiddenError, StaleAutoAssignmentSettingsError } from './auto-assignment.errors';
import { AUTO_ASSIGNMENT_SETTINGS_STORE } from './auto-assignment.ports';
import type { AssignmentScope, AutoAssignmentSettingsStore, StoredAutoAssignmentSettings } from './auto-assignment.ports';

/**
 * Automatic assignment settings as managers keep them: a HelpDeskManager those of their own
 * departments, an SL3Manager those of their own work groups. Anyone managing the scope reads them.
 */
@Injectable()
export class AutoAssignmentSettingsAdmin {
  constructor(
    @Inject(AUTO_ASSIGNMENT_SETTINGS_STORE) private readonly store: AutoAssignmentSettingsStore,
    @Inject(WORK_GROUP_DIRECTORY) private readonly workGroups: WorkGroupDirectory,
  ) {}

  /** The scopes the principal manages (their departments, their work groups by catalogue code), with their settings. */
  async mine(principal: Principal, workGroupCodes: readonly number[]): Promise<StoredAutoAssignmentSettings[]> {
    const scopes: AssignmentScope[] = holds(principal, 'auto-assignment.admin:department')
      ? principal.departments.map((key) => ({ kind: 'department', key }))
      : [];
    if (holds(principal, 'auto-assignment.admin:work-group')) {
      for (const code of workGroupCodes) {
        const group = await this.workGroups.groupOf(code);
        if (group !== undefined && principal.workGroups.includes(group)) scopes.push({ kind: 'work-group', key: String(code) });
      }
    }
    return this.store.list(scopes);
  }

  async get(principal: Principal, scope: AssignmentScope): Promise<StoredAutoAssignmentSettings> {
    await this.checkManages(principal, scope);
    return this.store.get(scope);
  }

  async save(
    principal: Principal,
    scope: AssignmentScope,
    settings: AutoAssignmentSettings,
    expectedVersion: number | undefined,
  ): Promise<StoredAutoAssignmentSettings> {
    await this.checkManages(principal, scope);
    const checked = checkAutoAssignmentSettings(settings, scope.kind);
    return this.store.save(scope, checked, principal.userId, (current) => {
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new StaleAutoAssignmentSettingsError(expectedVersion, current.version);
    });
  }

  private async checkManages(principal: Principal, scope: AssignmentScope): Promise<void> {
    if (scope.kind === 'department') {
      if (!holds(principal, 'auto-assignment.admin:department') || !principal.departments.includes(scope.key)) {
        throw new AutoAssignmentForbiddenError(
          'auto-assignment-not-your-department',
          `Only a help-desk manager of ${scope.key} sets its automatic assignment.`,
        );
      }
      return;
    }
    const group = await this.workGroups.groupOf(Number(scope.key));
    if (group === undefined) throw new DomainRuleError('unknown-work-group', `There is no work group ${scope.key} in the catalogue.`);
    if (!holds(principal, 'auto-assignment.admin:work-group') || !principal.workGroups.includes(group)) {
      throw new AutoAssignmentForbiddenError(
        'auto-assignment-not-your-work-group',
        `Only an L3 manager of work group ${scope.key} sets its automatic assignment.`,
      );
    }
  }
}
