/** What the API tells the console at /console/config.json: one build works against any deployment. */
export interface RuntimeConfig {
  /** OIDC issuer; relative (`/dev-idp/realms/switchboard`) means this origin. */
  readonly authority: string;
  readonly clientId: string;
  readonly identityProvider: 'keycloak' | 'development';
  readonly grafanaUrl: string | null;
}

export const consoleBase = '/console/';

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl(`${consoleBase}config.json`, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as RuntimeConfig;
  return { ...config, authority: new URL(config.authority, window.location.origin).toString().replace(/\/$/, '') };
}
