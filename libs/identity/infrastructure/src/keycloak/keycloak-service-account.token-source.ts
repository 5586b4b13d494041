import { UserDirectoryUnavailableError } from '@switchboard/identity';
import type { Clock } from '../directory/ttl-cache';

export interface ServiceAccountCredentials {
  /** Keycloak base URL, e.g. http://127.0.0.1:18080. */
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface HttpOptions {
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly clock: Clock;
}

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

// Renew this long before Keycloak's expiry, so a token never dies between our check and its use.
const RENEW_BEFORE_MS = 30_000;

/**
 * Client-credentials tokens of a confidential service-account client, reused until shortly before
 * they expire. Concurrent callers share one token request.
 */
export class KeycloakServiceAccountTokenSource {
  private current?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly credentials: ServiceAccountCredentials,
    private readonly http: HttpOptions,
  ) {}

  token(): Promise<string> {
    if (this.current && this.http.clock() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget the token, e.g. after Keycloak refused it (revoked, realm keys rotated). */
  invalidate(): void {
    this.current = undefined;
  }

  private async request(): Promise<string> {
    const { url, realm, clientId, clientSecret } = this.credentials;
    const endpoint = `${url}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
    const requestedAt = this.http.clock();
    let response: Response;
    try {
      response = await this.http.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
        signal: AbortSignal.timeout(this.http.timeoutMs),
      });
    } catch (error) {
      throw new UserDirectoryUnavailableError(`Keycloak token endpoint unreachable (${errorText(error)})`, { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as TokenResponse;
    if (!response.ok || !body.access_token) {
      const detail = body.error_description ?? body.error ?? 'no access token in the answer';
      throw new UserDirectoryUnavailableError(`Keycloak refused a token for client ${clientId}: ${response.status} ${detail}`);
    }
    const lifetimeMs = (body.expires_in ?? 60) * 1000;
    this.current = { token: body.access_token, renewAt: requestedAt + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2) };
    return body.access_token;
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
