import { generateRequestDetails } from 'web-push';
import type { PushSubscription } from 'web-push';
import { PermanentSendError } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';

export interface VapidKeys {
  /** VAPID_PUBLIC_KEY: the application server key browsers subscribe with (uncompressed P-256 point, base64url). */
  readonly publicKey: string;
  /** VAPID_PRIVATE_KEY (base64url). */
  readonly privateKey: string;
  /** VAPID_SUBJECT: a mailto: or https: contact for the push services. */
  readonly subject: string;
}

export interface WebPushSenderOptions {
  readonly vapid: VapidKeys;
  /** How long the push service keeps an undelivered message (the TTL header); default a day. */
  readonly ttlSeconds?: number;
  readonly timeoutMs?: number;
}

/** What the service worker receives (decrypted): the communication and its text. */
export interface PushPayload {
  readonly communicationId: string;
  readonly text: string;
}

/** A Web Push subscription as the browser's PushSubscription.toJSON() gives it: the client's push address. */
export function parsePushSubscription(address: string): PushSubscription | undefined {
  try {
    const parsed = JSON.parse(address) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
    if (typeof parsed.endpoint !== 'string' || !/^https?:\/\//.test(parsed.endpoint)) return undefined;
    if (typeof parsed.keys?.p256dh !== 'string' || typeof parsed.keys.auth !== 'string') return undefined;
    return { endpoint: parsed.endpoint, keys: { p256dh: parsed.keys.p256dh, auth: parsed.keys.auth } };
  } catch {
    return undefined;
  }
}

/**
 * Communications by Web Push (RFC 8030) to the console and installed web apps: the payload is
 * encrypted for the subscription (aes128gcm, RFC 8291) and the request signed with the VAPID keys
 * (RFC 8292), both by the `web-push` package; the request itself goes out with fetch. 404 and 410
 * mean the subscription is gone, 413 that the payload can never fit: permanent. Anything else
 * (429, 5xx, network) is retried. The provider message id is the push message's Location.
 */
export class WebPushSender implements ChannelSender {
  readonly channel = 'push' as const;

  constructor(private readonly options: WebPushSenderOptions) {}

  async send(communication: OutgoingCommunication): Promise<{ providerMessageId?: string }> {
    const subscription = parsePushSubscription(communication.address);
    if (!subscription) throw new PermanentSendError('the push address is not a Web Push subscription (JSON with endpoint and keys p256dh, auth)');
    const payload: PushPayload = { communicationId: communication.communicationId, text: communication.message.text };
    let details;
    try {
      details = generateRequestDetails(subscription, JSON.stringify(payload), {
        vapidDetails: this.options.vapid,
        TTL: this.options.ttlSeconds ?? 86_400,
        contentEncoding: 'aes128gcm',
      });
    } catch (error) {
      // A malformed subscription key cannot be encrypted for, now or later.
      throw new PermanentSendError(`the push subscription cannot be used: ${error instanceof Error ? error.message : String(error)}`);
    }
    const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
    delete headers['Content-Length'];
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ?? undefined,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const answer = await response.text().catch(() => '');
    if (response.status === 404 || response.status === 410) throw new PermanentSendError(`push subscription gone (${response.status})`);
    if (response.status === 413) throw new PermanentSendError('push payload too large (413)');
    if (!response.ok) throw new Error(`push service answered ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`);
    const location = response.headers.get('location');
    return location ? { providerMessageId: location } : {};
  }
}
