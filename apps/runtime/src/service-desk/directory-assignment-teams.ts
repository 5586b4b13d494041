import type { CatalogueRepository } from '@switchboard/catalogue';
import { directoryGroupOf } from '@switchboard/catalogue/domain';
import type { UserDirectory } from '@switchboard/identity';
import { departmentGroupPath, teamsOf, workGroupPath } from '@switchboard/identity/domain';
import type { AssignmentScope, AssignmentTeams } from '@switchboard/service-desk';

/**
 * Who automatic assignment hands work to, from the user directory: the HelpDeskUsers of a
 * department and the SL3Users of a work group. Managers are left out: they hand work out, and
 * may still take from the queue.
 */
export class DirectoryAssignmentTeams implements AssignmentTeams {
  constructor(
    private readonly directory: UserDirectory,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async operatorsOf(department: string): Promise<string[]> {
    const members = await this.directory.membersOfGroup(departmentGroupPath(department));
    return members.filter((user) => user.roles.includes('HelpDeskUser')).map((user) => user.id);
  }

  async engineersOf(workGroupCode: number): Promise<string[]> {
    const group = await this.catalogue.findWorkGroup(workGroupCode);
    if (!group) return [];
    const members = await this.directory.membersOfGroup(workGroupPath(directoryGroupOf(group.name)));
    return members.filter((user) => user.roles.includes('SL3User')).map((user) => user.id);
  }

  async scopesOf(userId: string): Promise<AssignmentScope[]> {
    const user = await this.directory.userById(userId);
    if (!user) return [];
    const { departments, workGroups } = teamsOf(user.groups);
    const scopes: AssignmentScope[] = user.roles.includes('HelpDeskUser') ? departments.map((key) => ({ kind: 'department', key })) : [];
    if (user.roles.includes('SL3User') && workGroups.length > 0) {
      // Work groups are keyed by catalogue code; the directory knows their slugged names.
      const codes = new Map((await this.catalogue.listServices()).map((s) => [directoryGroupOf(s.workGroupName), s.workGroupCode]));
      for (const group of workGroups) {
        const code = codes.get(group);
        if (code !== undefined) scopes.push({ kind: 'work-group', key: String(code) });
      }
    }
    return scopes;
  }
}
