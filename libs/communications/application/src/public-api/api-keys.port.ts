import type { ApiKeyScope } from './api-key-secrets';

export type ApiKeyStatus = 'active' | 'revoked';

/** An API key as the admin API shows it: never its secret nor the secret's hash. */
export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The departments it may send from and read (its communications only). */
  readonly departments: readonly string[];
  readonly rateLimitPerMinute: number;
  readonly status: ApiKeyStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly rotatedAt?: string;
  /** After a rotation with a grace period: until when the previous secret still works. */
  readonly previousSecretValidUntil?: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
  readonly lastUsedAt?: string;
}

export interface StoredApiKey extends ApiKey {
  readonly secretHash: string;
  readonly previousSecretHash?: string;
}

export interface RateWindow {
  /** Requests counted in the current window, this one included. */
  readonly count: number;
  readonly windowEndsAt: Date;
}

export interface ApiKeyStore {
  insert(key: StoredApiKey): Promise<void>;
  list(): Promise<ApiKey[]>;
  find(id: string): Promise<StoredApiKey | undefined>;
  /** The new hash replaces the current one; the current one stays valid until `previousValidUntil` (none: at once invalid). */
  rotate(id: string, secretHash: string, at: Date, previousValidUntil?: Date): Promise<boolean>;
  revoke(id: string, by: string, at: Date): Promise<boolean>;
  /** Atomically counts one request in the key's fixed one-minute window. */
  countRequest(id: string, now: Date): Promise<RateWindow>;
}
export const API_KEY_STORE = Symbol('ApiKeyStore');

export const webhookEvents = [
  'CommunicationRequested',
  'CommunicationBooked',
  'CommunicationCancelled',
  'CommunicationDispatched',
  'CommunicationSent',
  'CommunicationDelivered',
  'CommunicationFailed',
  'CommunicationBlocked',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface Webhook {
  readonly id: string;
  readonly keyId: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly createdAt: string;
}

export interface WebhookStore {
  insert(webhook: Webhook & { readonly secret: string }): Promise<void>;
  list(keyId: string): Promise<Webhook[]>;
  remove(keyId: string, id: string): Promise<boolean>;
  /** The key's webhooks subscribed to the event, with their secrets. */
  subscribed(keyId: string, event: string): Promise<(Webhook & { readonly secret: string })[]>;
  delivered(webhookId: string, eventId: string): Promise<boolean>;
  recordAttempt(webhookId: string, eventId: string, outcome: { readonly delivered: boolean; readonly status?: number; readonly error?: string }): Promise<void>;
}
export const WEBHOOK_STORE = Symbol('WebhookStore');
