import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AccessTickets, IssuedAccessTicket } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';

/** How long a ticket may wait to be used: long enough to open a connection with it, no longer. */
export const ACCESS_TICKET_TTL_SECONDS = 30;

/**
 * Access tickets in PostgreSQL, so a ticket issued by one API process is good on another behind
 * the same load balancer. Only a SHA-256 of each ticket is stored: the table gives nobody a ticket.
 */
export class PostgresAccessTickets implements AccessTickets {
  constructor(
    private readonly pool: Pool,
    private readonly ttlSeconds = ACCESS_TICKET_TTL_SECONDS,
  ) {}

  async issue(principal: Principal, purpose: string): Promise<IssuedAccessTicket> {
    const ticket = randomBytes(32).toString('base64url');
    const { rows } = await this.pool.query<{ expires_at: Date }>(
      `WITH expired AS (DELETE FROM identity_access_tickets WHERE expires_at < now())
       INSERT INTO identity_access_tickets (ticket_hash, purpose, principal, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       RETURNING expires_at`,
      [hashOf(ticket), purpose, JSON.stringify(principal), this.ttlSeconds],
    );
    return { ticket, expiresAt: rows[0].expires_at };
  }

  async redeem(ticket: string, purpose: string): Promise<Principal | undefined> {
    // Deleted whatever it finds: a ticket is used once, and an expired one is gone either way.
    const { rows } = await this.pool.query<{ principal: Principal; valid: boolean }>(
      'DELETE FROM identity_access_tickets WHERE ticket_hash = $1 RETURNING principal, purpose = $2 AND expires_at >= now() AS valid',
      [hashOf(ticket), purpose],
    );
    return rows[0]?.valid ? rows[0].principal : undefined;
  }
}

function hashOf(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}
