import { holds } from '@switchboard/identity/domain';
import type { PermissionHolder } from '@switchboard/identity/domain';

/** Who is asking, as far as the communications' access rules look (the identity's principal fits). */
export interface CommunicationsActor extends PermissionHolder {
  readonly username: string;
  readonly departments: readonly string[];
}

export class CommunicationsForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommunicationsForbiddenError';
  }
}

const isAdmin = (actor: CommunicationsActor): boolean => holds(actor, 'communications.admin');
const managesDepartment = (actor: CommunicationsActor, department: string): boolean =>
  holds(actor, 'communications.manage:department') && actor.departments.includes(department);

/**
 * The communications' access rules (ADR 0023), as permissions (ADR 0031; the roles named are the
 * default mapping's): CommunicationsAdmin (`communications.admin`) administers the reference data
 * and every department's policies; a department's managers its preferences and limits, and send any
 * type from it; its operators send personal communications to clients from it.
 */
export const communicationsAccess = {
  administersReferenceData: isAdmin,
  managesDepartment: (actor: CommunicationsActor, department: string): boolean => isAdmin(actor) || managesDepartment(actor, department),
  mayEditAvailability: (actor: CommunicationsActor): boolean => isAdmin(actor) || holds(actor, 'communications.manage:department'),
  maySend: (actor: CommunicationsActor, department: string, communicationType: string): boolean =>
    isAdmin(actor) ||
    managesDepartment(actor, department) ||
    (holds(actor, 'communications.send-personal:department') && actor.departments.includes(department) && communicationType === 'personal'),
  /** Undefined: every department; otherwise the departments whose communications the actor sees. */
  visibleDepartments: (actor: CommunicationsActor): readonly string[] | undefined => (isAdmin(actor) ? undefined : actor.departments),
  mayCancel: (actor: CommunicationsActor, communication: { department: string; requestedBy?: string }): boolean =>
    isAdmin(actor) || managesDepartment(actor, communication.department) || communication.requestedBy === actor.username,
};

/** Throws CommunicationsForbiddenError unless allowed. */
export function demand(allowed: boolean, why: string): void {
  if (!allowed) throw new CommunicationsForbiddenError(why);
}
