import type { Pool } from 'pg';
import { InvitationLedger, PortalAccounts, PortalClients } from '@switchboard/portal';
import type { AccountLinkOutcome, AccountLinkVia, Invitation, InvitationConsumption, PortalClient } from '@switchboard/portal';

export class PostgresPortalAccounts extends PortalAccounts {
  constructor(private readonly pool: Pool) {
    super();
  }

  async clientOf(subject: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ client_id: string }>('SELECT client_id FROM portal_accounts WHERE subject = $1', [subject]);
    return rows[0]?.client_id;
  }

  async link(subject: string, clientId: string, via: AccountLinkVia, now: Date): Promise<AccountLinkOutcome> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO portal_accounts (subject, client_id, linked_via, linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT (subject) DO NOTHING',
      [subject, clientId, via, now],
    );
    if (rowCount === 1) return 'linked';
    return (await this.clientOf(subject)) === clientId ? 'already-linked' : 'linked-to-another-client';
  }
}

export class PostgresInvitationLedger extends InvitationLedger {
  constructor(
    private readonly pool: Pool,
    private readonly configuredSecret?: string,
  ) {
    super();
  }

  async record(invitation: Invitation, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO portal_invitations (id, client_id, channel, expires_at, invited_by, invited_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO NOTHING`,
      [invitation.invitationId, invitation.clientId, invitation.channel, invitation.expiresAt, invitation.by, now],
    );
  }

  /** One statement: two accounts racing for one token, exactly one of them gets it. */
  async consume(invitationId: string, subject: string, now: Date): Promise<InvitationConsumption> {
    const { rows } = await this.pool.query<{ used_by: string | null; found: boolean }>(
      `WITH claimed AS (
         UPDATE portal_invitations SET used_by = $2, used_at = $3 WHERE id = $1 AND used_by IS NULL RETURNING used_by
       )
       SELECT COALESCE((SELECT used_by FROM claimed), (SELECT used_by FROM portal_invitations WHERE id = $1)) AS used_by,
              EXISTS (SELECT 1 FROM portal_invitations WHERE id = $1) AS found`,
      [invitationId, subject, now],
    );
    if (!rows[0]?.found) return 'unknown';
    return rows[0].used_by === subject ? 'consumed' : 'used-by-another';
  }

  async secret(): Promise<string> {
    if (this.configuredSecret) return this.configuredSecret;
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM portal_secrets WHERE name = 'invitation'");
    if (!rows[0]) throw new Error('portal_secrets has no invitation secret: run the migrations');
    return rows[0].value;
  }
}

/** Reads the customers context's clients table (the portal writes nothing there). */
export class PostgresPortalClients extends PortalClients {
  constructor(private readonly pool: Pool) {
    super();
  }

  async byId(clientId: string): Promise<PortalClient | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(clientId)) return undefined;
    const { rows } = await this.pool.query<ClientRow>(`${CLIENT_SQL} WHERE id = $1::uuid`, [clientId]);
    return rows[0] && toClient(rows[0]);
  }

  async byEmail(email: string): Promise<PortalClient[]> {
    const { rows } = await this.pool.query<ClientRow>(`${CLIENT_SQL} WHERE lower(email) = lower($1) LIMIT 2`, [email.trim()]);
    return rows.map(toClient);
  }
}

interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
}
const CLIENT_SQL = 'SELECT id, first_name, last_name, phone, email FROM customers_clients';
const toClient = (r: ClientRow): PortalClient => ({
  id: r.id,
  name: `${r.first_name} ${r.last_name}`.trim(),
  ...(r.phone ? { phone: r.phone } : {}),
  ...(r.email ? { email: r.email } : {}),
});
