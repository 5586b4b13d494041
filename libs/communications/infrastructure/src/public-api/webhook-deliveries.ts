import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Communication } from '@switchboard/communications/domain';
import { signWebhookPayload } from '@switchboard/communications';
import type { WebhookStore } from '@switchboard/communications';
import { RefusedWebhookDestinationError, guardedLookup, refusedWebhookUrl } from './webhook-destination';
import type { WebhookDestinationRule } from './webhook-destination';

export interface WebhookEventInput {
  /** The stored event's id: the receiver's deduplication key. */
  readonly id: string;
  readonly type: string;
  readonly createdAt: Date;
  readonly data: Record<string, unknown>;
}

export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * Delivers a communication's status event to the webhooks of the API key that created it, signed
 * (HMAC-SHA256 over `<t>.<raw body>`). A webhook that already took this event is skipped, so a
 * retried batch repeats only the failed ones; any failure throws and the backbone retries with
 * backoff. At least once: a crash between the receiver's 2xx and our record sends it again, with
 * the same `X-Switchboard-Event-Id` for the receiver to drop.
 */
export async function deliverWebhooks(
  store: WebhookStore,
  event: WebhookEventInput,
  communication: Pick<Communication, 'id' | 'status' | 'origin'> | undefined,
  options: { timeoutMs?: number; now?: () => Date; destinations?: WebhookDestinationRule } = {},
): Promise<number> {
  if (communication?.origin?.kind !== 'public-api') return 0;
  const webhooks = await store.subscribed(communication.origin.id, event.type);
  const failures: string[] = [];
  let delivered = 0;
  for (const webhook of webhooks) {
    if (await store.delivered(webhook.id, event.id)) continue;
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      occurredAt: event.createdAt.toISOString(),
      communication: { id: communication.id, status: communication.status },
      data: event.data,
    });
    const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
    try {
      const status = await postWebhook(
        webhook.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhooks/1',
          'x-switchboard-event-id': event.id,
          'x-switchboard-event': event.type,
          'x-switchboard-signature': signWebhookPayload(webhook.secret, body, timestamp),
        },
        body,
        { timeoutMs: options.timeoutMs ?? 10_000, destinations: options.destinations ?? { allowPrivateNetworks: false } },
      );
      const ok = status >= 200 && status < 300;
      await store.recordAttempt(webhook.id, event.id, { delivered: ok, status });
      if (ok) delivered++;
      else failures.push(`${webhook.id}: HTTP ${status}`);
    } catch (error) {
      await store.recordAttempt(webhook.id, event.id, { delivered: false, error: String(error).slice(0, 500) });
      failures.push(`${webhook.id}: ${String(error)}`);
    }
  }
  if (failures.length > 0) throw new WebhookDeliveryError(`webhook delivery of ${event.id} failed: ${failures.join('; ')}`);
  return delivered;
}

/**
 * One POST to a receiver, its answer's status: redirects are not followed (a 3xx is a failure),
 * and the connection goes only where the destination rule lets it (checked on the address the
 * connection uses, not on an earlier lookup).
 */
function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; destinations: WebhookDestinationRule },
): Promise<number> {
  const refused = refusedWebhookUrl(url, options.destinations);
  if (refused) return Promise.reject(new RefusedWebhookDestinationError(refused));
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.destinations),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
