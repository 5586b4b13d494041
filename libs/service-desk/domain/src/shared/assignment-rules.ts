import { DomainRuleError } from './domain-errors';

/** Who a command would assign, as the user directory knows them. */
export interface Assignee {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly string[];
  /** Help-desk departments (group names under /departments). */
  readonly departments: readonly string[];
  /** L3 work groups (group names under /work-groups). */
  readonly workGroups: readonly string[];
  /** Sites (slugs of groups under /sites); absent: none. */
  readonly sites?: readonly string[];
}

const HELP_DESK_ROLES = ['HelpDeskUser', 'HelpDeskManager'];
const L3_ROLES = ['SL3User', 'SL3Manager'];
const TECHNICIAN_ROLES = ['Technician'];

/**
 * A request is worked by a help-desk operator of its department, or (ADR 0032) by a technician of
 * its site: anyone else would leave it where nobody who should see it does. `given` is what the
 * operator typed (a user id or a username); `siteSlug` the request's site, if it has one.
 */
export function checkRequestAssignee(given: string, assignee: Assignee | undefined, department: string | undefined, siteSlug?: string): Assignee {
  if (!assignee) throw new DomainRuleError('assignee-unknown', `No user ${given} in the directory.`);
  if (isSiteTechnicianAssignee(assignee)) return checkTechnicianAssignee(assignee, siteSlug);
  if (!assignee.roles.some((role) => HELP_DESK_ROLES.includes(role))) {
    const orTechnician = siteSlug !== undefined ? ` nor a technician of site ${siteSlug}` : '';
    throw new DomainRuleError('assignee-not-help-desk', `${assignee.username} is not a help-desk operator (HelpDeskUser or HelpDeskManager)${orTechnician}.`);
  }
  if (department !== undefined && !assignee.departments.includes(department)) {
    throw new DomainRuleError('assignee-not-in-department', `${assignee.username} is not in department ${department}.`);
  }
  return assignee;
}

/**
 * Whoever assigns by site (`request.assign:site`: a site manager or dispatcher, ADR 0032) and not as
 * the help desk of the request's department hands it only to a technician of the request's site:
 * the help desk's operators are the help desk's to assign.
 */
export function checkSiteAssignee(given: string, assignee: Assignee | undefined, siteSlug: string | undefined): Assignee {
  if (!assignee) throw new DomainRuleError('assignee-unknown', `No user ${given} in the directory.`);
  if (!assignee.roles.some((role) => TECHNICIAN_ROLES.includes(role))) {
    throw new DomainRuleError(
      'assignee-not-site-technician',
      `${assignee.username} is not a technician${siteSlug ? ` of site ${siteSlug}` : ''}: a site's staff assign a request only to its site's technicians.`,
    );
  }
  return checkTechnicianAssignee(assignee, siteSlug);
}

/** A technician who is not also a help-desk operator is judged by the site rule alone. */
const isSiteTechnicianAssignee = (assignee: Assignee): boolean =>
  assignee.roles.some((role) => TECHNICIAN_ROLES.includes(role)) && !assignee.roles.some((role) => HELP_DESK_ROLES.includes(role));

/**
 * A technician works the requests of their own sites: a request without a site (registered for no
 * unit or building) is none of theirs, nor is another site's.
 */
export function checkTechnicianAssignee(assignee: Assignee, siteSlug: string | undefined): Assignee {
  if (siteSlug === undefined) {
    throw new DomainRuleError(
      'assignee-technician-needs-site',
      `${assignee.username} is a technician: only a request of a site (a unit or building) goes to a technician.`,
    );
  }
  if (!(assignee.sites ?? []).includes(siteSlug)) {
    throw new DomainRuleError('assignee-not-on-site', `${assignee.username} is not a technician of site ${siteSlug}.`);
  }
  return assignee;
}

/** An incident is worked by an L3 engineer of its work group (`workGroup`: its directory group name). */
export function checkIncidentAssignee(given: string, assignee: Assignee | undefined, workGroup: string | undefined): Assignee {
  if (!assignee) throw new DomainRuleError('assignee-unknown', `No user ${given} in the directory.`);
  if (!assignee.roles.some((role) => L3_ROLES.includes(role))) {
    throw new DomainRuleError('assignee-not-l3-engineer', `${assignee.username} is not an L3 engineer (SL3User or SL3Manager).`);
  }
  if (workGroup === undefined || !assignee.workGroups.includes(workGroup)) {
    throw new DomainRuleError('assignee-not-in-work-group', `${assignee.username} is not in the incident's work group${workGroup ? ` ${workGroup}` : ''}.`);
  }
  return assignee;
}

/**
 * Only a holder of `request.move:department` (ADR 0031; a help-desk manager by default) moves a
 * request to another department, and only to one that exists. `held`: the actor's permissions.
 */
export function checkDepartmentMove(held: ReadonlySet<string>, from: string | undefined, to: string, exists: boolean): void {
  if (to === from) return;
  if (!held.has('request.move:department')) {
    throw new DomainRuleError(
      'department-move-needs-manager',
      `Only a help-desk manager moves a request to another department (from ${from ?? 'none'} to ${to}).`,
    );
  }
  if (!exists) throw new DomainRuleError('unknown-department', `There is no department ${to} in the directory.`);
}
