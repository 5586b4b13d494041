export const roles = [
  'HelpDeskUser',
  'HelpDeskManager',
  'SL3User',
  'SL3Manager',
  'CommunicationsAdmin',
  'SiteManager',
  'ClientService',
  'Security',
  'Concierge',
  'Dispatcher',
  'ClientManager',
  'Technician',
  'Resident',
  'AccessAdmin',
] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Roles of the staff: everyone but residents. */
export const staffRoles = roles.filter((r) => r !== 'Resident');

/**
 * A resident's account (ADR 0030): the `Resident` role, or no role at all (an account that signed
 * itself up in Keycloak has none until it is linked). It reaches the portal's routes and `/me`, not
 * the operators' (403).
 */
export const isResidentAccount = (accountRoles: readonly Role[]): boolean => !accountRoles.some((r) => r !== 'Resident');
