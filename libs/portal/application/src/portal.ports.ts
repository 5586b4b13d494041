/** A unit the resident lives in, as the portal offers it (unit picker, passes). */
export interface ResidentUnit {
  readonly unitId: string;
  /** How people name it, e.g. "River Park, building 2, apt 45". */
  readonly label: string;
  /** The site [объект] it belongs to (a group under /sites). */
  readonly siteSlug: string;
}

/**
 * The units of a client: the estate's residents (a client's relation to a unit) whose period
 * holds today, one entry per unit (ADR 0030).
 */
export abstract class ResidentUnits {
  abstract unitsOf(clientId: string): Promise<ResidentUnit[]>;
}

export type AccountLinkVia = 'invitation' | 'verified-email' | 'realm';

export type AccountLinkOutcome = 'linked' | 'already-linked' | 'linked-to-another-client';

/** Which client a resident's account is: one client per IdP subject (ADR 0030). */
export abstract class PortalAccounts {
  abstract clientOf(subject: string): Promise<string | undefined>;
  /** Links an account; an account already linked to the same client is left as it is, to another one is refused. */
  abstract link(subject: string, clientId: string, via: AccountLinkVia, now: Date): Promise<AccountLinkOutcome>;
}

export interface Invitation {
  readonly invitationId: string;
  readonly clientId: string;
  readonly channel: 'sms' | 'email';
  readonly expiresAt: Date;
  readonly by: string;
}

export type InvitationConsumption = 'consumed' | 'used-by-another' | 'unknown';

/** Invitations sent, and which were used: a token opens one account, once. */
export abstract class InvitationLedger {
  abstract record(invitation: Invitation, now: Date): Promise<void>;
  /** Marks it used by this account; the same account again is `consumed` (a retry), another is refused. */
  abstract consume(invitationId: string, subject: string, now: Date): Promise<InvitationConsumption>;
  /** The invitation tokens' secret: configured, or generated once and kept in the database. */
  abstract secret(): Promise<string>;
}

export interface PortalClient {
  readonly id: string;
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

/** The customers the portal serves, as it needs them (read from the customers context). */
export abstract class PortalClients {
  abstract byId(clientId: string): Promise<PortalClient | undefined>;
  /** Clients whose email on file is this one (case ignored). */
  abstract byEmail(email: string): Promise<PortalClient[]>;
}
