import { UserDirectoryUnavailableError } from '@switchboard/identity';
import { errorText } from './keycloak-service-account.token-source';
import type { HttpOptions, KeycloakServiceAccountTokenSource } from './keycloak-service-account.token-source';

/**
 * GETs against Keycloak's admin REST API for one realm with a service-account token. A 404 is an
 * answer (undefined); anything else that is not a 2xx is an outage of our dependency.
 */
export class KeycloakAdminClient {
  private readonly base: string;

  constructor(
    url: string,
    realm: string,
    private readonly tokens: KeycloakServiceAccountTokenSource,
    private readonly http: HttpOptions,
  ) {
    this.base = `${url}/admin/realms/${encodeURIComponent(realm)}`;
  }

  async get<T>(path: string): Promise<T | undefined> {
    let response = await this.send(path, await this.tokens.token());
    if (response.status === 401) {
      // The token may have been revoked or signed with a rotated key: one fresh token, one retry.
      await response.arrayBuffer().catch(() => undefined);
      this.tokens.invalidate();
      response = await this.send(path, await this.tokens.token());
    }
    if (response.status === 404) {
      await response.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new UserDirectoryUnavailableError(`Keycloak answered ${response.status} to GET ${pathOnly(path)}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new UserDirectoryUnavailableError(`Keycloak answered GET ${pathOnly(path)} with something that is not JSON (${errorText(error)})`, {
        cause: error,
      });
    }
  }

  private async send(path: string, token: string): Promise<Response> {
    try {
      return await this.http.fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.http.timeoutMs),
      });
    } catch (error) {
      throw new UserDirectoryUnavailableError(`Keycloak admin API unreachable at GET ${pathOnly(path)} (${errorText(error)})`, { cause: error });
    }
  }
}

const pathOnly = (path: string): string => path.split('?')[0];
