import type { CatalogueRepository } from '@switchboard/catalogue';
import type { UserDirectory } from '@switchboard/identity';
import type { NotificationRecipients, SlaBreachRecipients, SlaManager } from '@switchboard/service-desk';

/** Managers' email addresses: the work group's manager from the catalogue, department managers from the directory. */
export class DirectoryNotificationRecipients implements NotificationRecipients {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly directory: UserDirectory,
  ) {}

  async workGroupManagers(workGroupCode: number): Promise<string[]> {
    const group = await this.catalogue.findWorkGroup(workGroupCode);
    if (!group) return [];
    const manager = await this.directory.userById(group.managerId);
    return manager?.email ? [manager.email] : [];
  }

  async userEmails(userId: string): Promise<string[]> {
    const user = await this.directory.userById(userId);
    return user?.email ? [user.email] : [];
  }

  async departmentManagers(department: string): Promise<string[]> {
    const members = await this.directory.membersOfGroup(`/departments/${department}`);
    return members.filter((m) => m.roles.includes('HelpDeskManager') && m.email).map((m) => m.email);
  }
}

/** Managers who hear of an SLA breach, with their user ids for the live notice. */
export class DirectorySlaBreachRecipients implements SlaBreachRecipients {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly directory: UserDirectory,
  ) {}

  async workGroupManagers(workGroupCode: number): Promise<SlaManager[]> {
    const group = await this.catalogue.findWorkGroup(workGroupCode);
    if (!group) return [];
    const manager = await this.directory.userById(group.managerId);
    return [{ userId: group.managerId, ...(manager?.email ? { email: manager.email } : {}) }];
  }

  async departmentManagers(department: string): Promise<SlaManager[]> {
    const members = await this.directory.membersOfGroup(`/departments/${department}`);
    return members.filter((m) => m.roles.includes('HelpDeskManager')).map((m) => ({ userId: m.id, ...(m.email ? { email: m.email } : {}) }));
  }
}
