import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@switchboard/eventstore';
import { Communications } from '@switchboard/communications';
import { INVITATION_LIFETIME_SECONDS, signInvitation, verifyInvitation } from '@switchboard/portal/domain';
import { PortalNotFoundError, PortalRuleError } from './portal-errors';
import { InvitationLedger, PortalAccounts, PortalClients } from './portal.ports';
import { PORTAL_OPTIONS } from './portal.tokens';
import type { PortalOptions } from './portal.tokens';

export interface SentInvitation {
  readonly invitationId: string;
  readonly channel: 'sms' | 'email';
  readonly expiresAt: string;
  readonly communicationId: string;
  /** The link the resident received: an operator may also hand it over in person (a QR code at the desk). */
  readonly link: string;
}

/**
 * Invitations to the residents' portal (ADR 0030): an operator invites a client; a signed,
 * single-use token goes to the phone or email on file through the communications sending point;
 * the account that opens it is linked to the client.
 */
@Injectable()
export class PortalInvitations {
  constructor(
    @Inject(InvitationLedger) private readonly ledger: InvitationLedger,
    @Inject(PortalAccounts) private readonly accounts: PortalAccounts,
    @Inject(PortalClients) private readonly clients: PortalClients,
    @Inject(Communications) private readonly communications: Communications,
    @Inject(PORTAL_OPTIONS) private readonly options: PortalOptions,
  ) {}

  async invite(clientId: string, channel: 'sms' | 'email' | undefined, by: string, envelope: CommandEnvelope, now = new Date()): Promise<SentInvitation> {
    const client = await this.clients.byId(clientId);
    if (!client) throw new PortalNotFoundError('client', clientId);
    const via = channel ?? (client.phone ? 'sms' : 'email');
    if (via === 'sms' && !client.phone) throw new PortalRuleError('client-has-no-phone', 'The client has no phone on file: invite by email.');
    if (via === 'email' && !client.email) throw new PortalRuleError('client-has-no-email', 'The client has no email on file: invite by SMS.');
    // The id derives from the command: a retried invitation (same Idempotency-Key) is the same invitation and the same message.
    const invitationId = envelope.commandId ? `inv-${envelope.commandId}` : randomUUID();
    const expiresAt = Math.floor(now.getTime() / 1000) + INVITATION_LIFETIME_SECONDS;
    const token = signInvitation({ invitationId, clientId, expiresAt }, await this.ledger.secret());
    const link = `${this.options.url}/invite/${token}`;
    await this.ledger.record({ invitationId, clientId, channel: via, expiresAt: new Date(expiresAt * 1000), by }, now);
    const sent = await this.communications.request(
      {
        department: this.options.department,
        clientId,
        communicationType: 'service',
        channel: via,
        message: { text: `${client.name}, you are invited to the residents' portal / Приглашение в личный кабинет жителя: ${link}` },
        by,
      },
      { commandId: `portal-invitation:${invitationId}`, origin: 'system' },
      now,
    );
    return { invitationId, channel: via, expiresAt: new Date(expiresAt * 1000).toISOString(), communicationId: sent.communicationId, link };
  }

  /** What a token says, without using it: the invitation screen shows whom it invites. */
  async preview(token: string, now = new Date()): Promise<{ clientName: string; expiresAt: string }> {
    const claims = await this.verified(token, now);
    const client = await this.clients.byId(claims.clientId);
    if (!client) throw new PortalRuleError('invitation-invalid', 'The invitation is not valid.');
    return { clientName: client.name, expiresAt: new Date(claims.expiresAt * 1000).toISOString() };
  }

  /** The signed-in account accepts: the token is used up and the account linked to the client. */
  async accept(token: string, subject: string, now = new Date()): Promise<{ clientId: string }> {
    const claims = await this.verified(token, now);
    const used = await this.ledger.consume(claims.invitationId, subject, now);
    if (used === 'unknown') throw new PortalRuleError('invitation-invalid', 'The invitation is not valid.');
    if (used === 'used-by-another') throw new PortalRuleError('invitation-used', 'This invitation was already used.');
    const linked = await this.accounts.link(subject, claims.clientId, 'invitation', now);
    if (linked === 'linked-to-another-client') throw new PortalRuleError('account-linked-elsewhere', 'Your account is already linked to another client.');
    return { clientId: claims.clientId };
  }

  /**
   * Self-registration (Keycloak's registration with email verification): an account whose email is
   * verified is linked to the one client with that email on file; none or several: not linked.
   */
  async claimByVerifiedEmail(subject: string, email: string | undefined, emailVerified: boolean, now = new Date()): Promise<{ clientId: string }> {
    if (!email || !emailVerified) throw new PortalRuleError('email-not-verified', 'Verify your email first: the link it sent opens the portal.');
    const matches = await this.clients.byEmail(email);
    if (matches.length !== 1) {
      throw new PortalRuleError('no-client-for-email', 'We have no single client with this email on file: ask the management office for an invitation.');
    }
    const linked = await this.accounts.link(subject, matches[0].id, 'verified-email', now);
    if (linked === 'linked-to-another-client') throw new PortalRuleError('account-linked-elsewhere', 'Your account is already linked to another client.');
    return { clientId: matches[0].id };
  }

  private async verified(token: string, now: Date) {
    const verified = verifyInvitation(token, await this.ledger.secret(), Math.floor(now.getTime() / 1000));
    if (!verified.ok) {
      throw verified.failure === 'expired'
        ? new PortalRuleError('invitation-expired', 'The invitation has expired: ask for a new one.')
        : new PortalRuleError('invitation-invalid', 'The invitation is not valid.');
    }
    return verified.claims;
  }
}
