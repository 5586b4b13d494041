import type { Pool } from 'pg';
import type { ApiKey, ApiKeyScope, ApiKeyStore, RateWindow, StoredApiKey, Webhook, WebhookEvent, WebhookStore } from '@switchboard/communications';

interface KeyRow {
  id: string;
  name: string;
  scopes: string[];
  departments: string[];
  rate_limit_per_minute: number;
  status: string;
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_secret_valid_until: Date | null;
  created_by: string;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
const toKey = (r: KeyRow): StoredApiKey => {
  const optional = {
    rotatedAt: iso(r.rotated_at),
    previousSecretValidUntil: iso(r.previous_secret_valid_until),
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by ?? undefined,
    lastUsedAt: iso(r.last_used_at),
    previousSecretHash: r.previous_secret_hash ?? undefined,
  };
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes as ApiKeyScope[],
    departments: r.departments,
    rateLimitPerMinute: r.rate_limit_per_minute,
    status: r.status === 'revoked' ? 'revoked' : 'active',
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    secretHash: r.secret_hash,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
};

export class PostgresApiKeyStore implements ApiKeyStore {
  constructor(private readonly pool: Pool) {}

  async insert(key: StoredApiKey): Promise<void> {
    await this.pool.query(
      `INSERT INTO api_keys (id, name, scopes, departments, rate_limit_per_minute, status, secret_hash, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8)`,
      [key.id, key.name, key.scopes, key.departments, key.rateLimitPerMinute, key.secretHash, key.createdBy, key.createdAt],
    );
  }

  async list(): Promise<ApiKey[]> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at DESC, id');
    return rows.map((r) => {
      const { secretHash: _s, previousSecretHash: _p, ...key } = toKey(r);
      return key;
    });
  }

  async find(id: string): Promise<StoredApiKey | undefined> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return rows[0] ? toKey(rows[0]) : undefined;
  }

  async rotate(id: string, secretHash: string, at: Date, previousValidUntil?: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_keys SET previous_secret_hash = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE secret_hash END,
         previous_secret_valid_until = $4, secret_hash = $2, rotated_at = $3
       WHERE id = $1 AND status = 'active'`,
      [id, secretHash, at, previousValidUntil ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  async revoke(id: string, by: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_keys SET status = 'revoked', revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, $2) WHERE id = $1`,
      [id, by, at],
    );
    return (rowCount ?? 0) > 0;
  }

  // One row per key and minute, incremented in place: concurrent requests queue on the row lock, so
  // the counts they see are 1, 2, 3, … with no gap or repeat — the limit is exact.
  async countRequest(id: string, now: Date): Promise<RateWindow> {
    const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const { rows } = await this.pool.query<{ requests: number }>(
      `INSERT INTO api_key_request_windows (key_id, window_start, requests) VALUES ($1, $2, 1)
       ON CONFLICT (key_id, window_start) DO UPDATE SET requests = api_key_request_windows.requests + 1
       RETURNING requests`,
      [id, windowStart],
    );
    if (rows[0].requests === 1) {
      // The first request of a window clears the key's old windows and notes its use.
      await this.pool.query('DELETE FROM api_key_request_windows WHERE key_id = $1 AND window_start < $2', [id, windowStart]);
      await this.pool.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, now]);
    }
    return { count: rows[0].requests, windowEndsAt: new Date(windowStart.getTime() + 60_000) };
  }
}

interface WebhookRow {
  id: string;
  key_id: string;
  url: string;
  events: string[];
  secret: string;
  created_at: Date;
}
const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  keyId: r.key_id,
  url: r.url,
  events: r.events as WebhookEvent[],
  createdAt: r.created_at.toISOString(),
});

export class PostgresWebhookStore implements WebhookStore {
  constructor(private readonly pool: Pool) {}

  async insert(webhook: Webhook & { readonly secret: string }): Promise<void> {
    await this.pool.query('INSERT INTO public_api_webhooks (id, key_id, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      webhook.id,
      webhook.keyId,
      webhook.url,
      webhook.events,
      webhook.secret,
      webhook.createdAt,
    ]);
  }

  async list(keyId: string): Promise<Webhook[]> {
    const { rows } = await this.pool.query<WebhookRow>('SELECT * FROM public_api_webhooks WHERE key_id = $1 ORDER BY created_at, id', [keyId]);
    return rows.map(toWebhook);
  }

  async remove(keyId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM public_api_webhooks WHERE key_id = $1 AND id = $2', [keyId, id]);
    return (rowCount ?? 0) > 0;
  }

  async subscribed(keyId: string, event: string): Promise<(Webhook & { secret: string })[]> {
    // A revoked key's webhooks get nothing more.
    const { rows } = await this.pool.query<WebhookRow>(
      `SELECT w.* FROM public_api_webhooks w JOIN api_keys k ON k.id = w.key_id
       WHERE w.key_id = $1 AND $2 = ANY (w.events) AND k.status = 'active' ORDER BY w.id`,
      [keyId, event],
    );
    return rows.map((r) => ({ ...toWebhook(r), secret: r.secret }));
  }

  async delivered(webhookId: string, eventId: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM public_api_webhook_deliveries WHERE webhook_id = $1 AND event_id = $2 AND delivered_at IS NOT NULL', [
      webhookId,
      eventId,
    ]);
    return rows.length > 0;
  }

  async recordAttempt(webhookId: string, eventId: string, outcome: { delivered: boolean; status?: number; error?: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO public_api_webhook_deliveries (webhook_id, event_id, attempts, delivered_at, last_status, last_error, updated_at)
       VALUES ($1, $2, 1, CASE WHEN $3 THEN now() END, $4, $5, now())
       ON CONFLICT (webhook_id, event_id) DO UPDATE SET attempts = public_api_webhook_deliveries.attempts + 1,
         delivered_at = COALESCE(public_api_webhook_deliveries.delivered_at, EXCLUDED.delivered_at),
         last_status = EXCLUDED.last_status, last_error = EXCLUDED.last_error, updated_at = now()`,
      [webhookId, eventId, outcome.delivered, outcome.status ?? null, outcome.error ?? null],
    );
  }
}
