import type { Pool } from 'pg';
import type { ClaimedRecipient, MailingProgress, MailingRecipientView, MailingRow, MailingStore, RecipientOutcome } from '@switchboard/communications';
import type { Mailing, MailingAudience } from '@switchboard/communications/domain';

/** A mailing as the list shows it. */
export interface MailingListItem {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly status: string;
  readonly templateId: string;
  readonly communicationType: string;
  readonly perMinute: number;
  readonly startAt?: string;
  readonly recipients?: number;
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * Mailings on PostgreSQL (ADR 0026). The audience is resolved in one INSERT … SELECT over the
 * clients (customers), their requests and incidents (read models) and orders; the recipient list
 * is frozen by it and never recomputed. Per-recipient delivery status is read from the
 * communications' read model (`rm_communications`) by the communication id.
 */
export class PostgresMailingStore implements MailingStore {
  constructor(private readonly pool: Pool) {}

  async save(mailing: Mailing, revision: number, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO mailings (id, name, department, status, audience, template_id, variables, communication_type, channel, start_at, per_minute, recipients,
                             created_by, created_at, updated_at, last_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, recipients = excluded.recipients, updated_at = excluded.updated_at,
         last_revision = excluded.last_revision
       WHERE mailings.last_revision < excluded.last_revision`,
      [
        mailing.id,
        mailing.name,
        mailing.department,
        mailing.status,
        JSON.stringify(mailing.audience),
        mailing.templateId,
        JSON.stringify(mailing.variables ?? {}),
        mailing.communicationType,
        mailing.channel ?? null,
        mailing.startAt ?? null,
        mailing.perMinute,
        mailing.recipients ?? null,
        mailing.createdBy,
        at,
        revision,
      ],
    );
  }

  async freezeRecipients(mailingId: string, audience: MailingAudience, residents?: readonly string[]): Promise<number> {
    const tags = audience.tags ? audience.tags.values.map((t) => t.trim().toLowerCase().replace(/\s+/g, ' ')) : null;
    await this.pool.query(
      `INSERT INTO mailing_recipients (mailing_id, client_id, language, seq)
       SELECT $1, c.id, coalesce(a.language, 'ru'), row_number() OVER (ORDER BY c.id)
         FROM customers_clients c
         LEFT JOIN communication_availability a ON a.client_id = c.id::text
        WHERE NOT EXISTS (SELECT 1 FROM mailing_recipients f WHERE f.mailing_id = $1)
          AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM rm_requests r WHERE r.client_id = c.id AND r.department = $2))
          AND ($3::int IS NULL
               OR EXISTS (SELECT 1 FROM rm_requests r WHERE r.client_id = c.id AND r.service_code = $3)
               OR EXISTS (SELECT 1 FROM rm_incidents i JOIN rm_requests r ON r.id = i.request_id WHERE r.client_id = c.id AND i.service_code = $3))
          AND ($4::text[] IS NULL OR ($5 = 'all' AND c.tags @> $4::text[]) OR ($5 = 'any' AND c.tags && $4::text[]))
          AND ($6::boolean IS NOT TRUE
               OR EXISTS (SELECT 1 FROM customers_orders o WHERE o.client_id = c.id AND ($7::text IS NULL OR starts_with(o.code, $7))))
          AND ($8::uuid[] IS NULL OR c.id = ANY($8::uuid[]))
       ON CONFLICT DO NOTHING`,
      [
        mailingId,
        audience.department ?? null,
        audience.serviceCode ?? null,
        tags,
        audience.tags?.match ?? 'any',
        audience.order !== undefined,
        audience.order?.codePrefix ?? null,
        residents ?? (audience.estate ? [] : null),
      ],
    );
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM mailing_recipients WHERE mailing_id = $1', [mailingId]);
    return Number(rows[0].n);
  }

  async due(now: Date): Promise<MailingRow[]> {
    const { rows } = await this.pool.query<{ id: string; status: MailingRow['status']; per_minute: number; start_at: Date | null }>(
      `SELECT id, status, per_minute, start_at FROM mailings WHERE status = 'RUNNING' AND (start_at IS NULL OR start_at <= $1) ORDER BY created_at`,
      [now],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, perMinute: r.per_minute, ...(r.start_at ? { startAt: r.start_at.toISOString() } : {}) }));
  }

  async queuedSince(mailingId: string, since: Date): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM mailing_recipients WHERE mailing_id = $1 AND queued_at > $2', [
      mailingId,
      since,
    ]);
    return Number(rows[0].n);
  }

  async claim(mailingId: string, limit: number, handle: (recipients: readonly ClaimedRecipient[]) => Promise<readonly RecipientOutcome[]>): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // FOR SHARE: a cancel or pause (UPDATE of this row) waits until this batch is recorded.
      const mailing = await client.query<{ status: string }>('SELECT status FROM mailings WHERE id = $1 FOR SHARE', [mailingId]);
      if (mailing.rows[0]?.status !== 'RUNNING') {
        await client.query('ROLLBACK');
        return 0;
      }
      const { rows } = await client.query<{ client_id: string; language: 'ru' | 'en' }>(
        `SELECT client_id, language FROM mailing_recipients WHERE mailing_id = $1 AND status = 'pending'
          ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [mailingId, limit],
      );
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return 0;
      }
      const outcomes = await handle(rows.map((r) => ({ clientId: r.client_id, language: r.language })));
      const queued = outcomes.filter((o): o is { clientId: string; communicationId: string } => 'communicationId' in o);
      const skipped = outcomes.filter((o): o is { clientId: string; skipped: string } => 'skipped' in o);
      if (queued.length > 0) {
        await client.query(
          `UPDATE mailing_recipients r SET status = 'queued', communication_id = q.communication_id, queued_at = now()
             FROM unnest($2::uuid[], $3::uuid[]) AS q(client_id, communication_id)
            WHERE r.mailing_id = $1 AND r.client_id = q.client_id`,
          [mailingId, queued.map((o) => o.clientId), queued.map((o) => o.communicationId)],
        );
      }
      if (skipped.length > 0) {
        await client.query(
          `UPDATE mailing_recipients r SET status = 'skipped', reason = q.reason
             FROM unnest($2::uuid[], $3::text[]) AS q(client_id, reason)
            WHERE r.mailing_id = $1 AND r.client_id = q.client_id`,
          [mailingId, skipped.map((o) => o.clientId), skipped.map((o) => o.skipped)],
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async pendingCount(mailingId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM mailing_recipients WHERE mailing_id = $1 AND status = 'pending'`, [
      mailingId,
    ]);
    return Number(rows[0].n);
  }

  async cancel(mailingId: string, at: Date): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE mailings SET status = 'CANCELLED', updated_at = $2 WHERE id = $1`, [mailingId, at]);
      const { rowCount } = await client.query(
        `UPDATE mailing_recipients SET status = 'cancelled', reason = 'the mailing was cancelled' WHERE mailing_id = $1 AND status = 'pending'`,
        [mailingId],
      );
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async progress(mailingId: string): Promise<MailingProgress> {
    const { rows } = await this.pool.query<{ status: string; n: string }>(
      `SELECT CASE WHEN r.status <> 'queued' THEN r.status
                   WHEN c.status IN ('SENT') THEN 'sent'
                   WHEN c.status = 'DELIVERED' THEN 'delivered'
                   WHEN c.status = 'FAILED' THEN 'failed'
                   WHEN c.status = 'BLOCKED' THEN 'blocked'
                   WHEN c.status = 'CANCELLED' THEN 'cancelled'
                   ELSE 'queued' END AS status,
              count(*) AS n
         FROM mailing_recipients r LEFT JOIN rm_communications c ON c.id = r.communication_id
        WHERE r.mailing_id = $1
        GROUP BY 1`,
      [mailingId],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const count = (k: string) => by[k] ?? 0;
    const progress = {
      pending: count('pending'),
      queued: count('queued'),
      sent: count('sent'),
      delivered: count('delivered'),
      failed: count('failed'),
      blocked: count('blocked'),
      cancelled: count('cancelled'),
      skipped: count('skipped'),
    };
    return { total: Object.values(progress).reduce((a, b) => a + b, 0), ...progress };
  }

  async recipients(mailingId: string, page: { afterSeq?: number; limit: number }): Promise<MailingRecipientView[]> {
    const { rows } = await this.pool.query<{
      client_id: string;
      seq: number;
      status: string;
      cstatus: string | null;
      communication_id: string | null;
      reason: string | null;
      creason: string | null;
    }>(
      `SELECT r.client_id, r.seq, r.status, c.status AS cstatus, r.communication_id, r.reason, c.reason AS creason
         FROM mailing_recipients r LEFT JOIN rm_communications c ON c.id = r.communication_id
        WHERE r.mailing_id = $1 AND r.seq > $2 ORDER BY r.seq LIMIT $3`,
      [mailingId, page.afterSeq ?? 0, page.limit],
    );
    return rows.map((r) => ({
      clientId: r.client_id,
      seq: r.seq,
      status: r.status === 'queued' ? (r.cstatus ?? 'NOT_SENT') : r.status,
      ...(r.communication_id ? { communicationId: r.communication_id } : {}),
      ...((r.reason ?? r.creason) ? { reason: (r.reason ?? r.creason) as string } : {}),
    }));
  }
}

/** Mailings newest first, of the departments given (all when undefined). */
export async function listMailings(pool: Pool, filter: { departments?: readonly string[]; limit: number }): Promise<MailingListItem[]> {
  const { rows } = await pool.query<{
    id: string;
    name: string;
    department: string;
    status: string;
    template_id: string;
    communication_type: string;
    per_minute: number;
    start_at: Date | null;
    recipients: number | null;
    created_by: string;
    created_at: Date;
  }>(`SELECT * FROM mailings WHERE ($1::text[] IS NULL OR department = ANY($1)) ORDER BY created_at DESC, id LIMIT $2`, [
    filter.departments ?? null,
    filter.limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    department: r.department,
    status: r.status,
    templateId: r.template_id,
    communicationType: r.communication_type,
    perMinute: r.per_minute,
    ...(r.start_at ? { startAt: r.start_at.toISOString() } : {}),
    ...(r.recipients !== null ? { recipients: r.recipients } : {}),
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  }));
}
