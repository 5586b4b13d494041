import { createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';

/** The realm's keys could not be fetched, and the key asked for is not known from before. */
export class IdentityProviderUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`identity provider unreachable: ${reason}`, options);
    this.name = 'IdentityProviderUnavailableError';
  }
}

export interface RealmSigningKeysOptions {
  /** `<Keycloak base URL>/realms/<realm>`. */
  readonly realmUrl: string;
  /** Per JWKS request; default 5 s. */
  readonly timeoutMs?: number;
  /** At most one JWKS request per this long for keys nobody has heard of; default 10 s. */
  readonly minRefreshMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: () => number;
}

interface Jwks {
  keys?: (JsonWebKey & { kid?: string; use?: string; alg?: string })[];
}

/**
 * The realm's public signing keys by key id, from its JWKS. A known key is answered from memory,
 * so tokens keep verifying while the identity provider is down; an unknown one triggers one
 * (shared, rate-limited) refresh, so a rotated key is picked up and a forged key id costs at most
 * one request per interval.
 */
export class RealmSigningKeys {
  private readonly keys = new Map<string, string>();
  private lastRefresh?: { at: number; error?: Error };
  private pending?: Promise<void>;
  private readonly clock: () => number;

  constructor(private readonly options: RealmSigningKeysOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The key's PEM; undefined when the realm does not have it. */
  async publicKey(kid: string): Promise<string | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    const recent = this.lastRefresh && this.clock() - this.lastRefresh.at < (this.options.minRefreshMs ?? 10_000);
    if (!recent) {
      this.pending ??= this.refresh().finally(() => {
        this.pending = undefined;
      });
      await this.pending;
    }
    const found = this.keys.get(kid);
    if (found) return found;
    // Without an answer from the realm, an unknown key id may well be a new, valid key.
    if (this.lastRefresh?.error) throw new IdentityProviderUnavailableError(this.lastRefresh.error.message, { cause: this.lastRefresh.error });
    return undefined;
  }

  private async refresh(): Promise<void> {
    const url = `${this.options.realmUrl.replace(/\/+$/, '')}/protocol/openid-connect/certs`;
    try {
      const response = await (this.options.fetch ?? fetch)(url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      const jwks = (await response.json()) as Jwks;
      for (const jwk of jwks.keys ?? []) {
        if (!jwk.kid || jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
        this.keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
      }
      this.lastRefresh = { at: this.clock() };
    } catch (error) {
      this.lastRefresh = { at: this.clock(), error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
}
