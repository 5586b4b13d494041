import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { RuntimeConfig } from '../config/runtime-config';
import { consoleBase } from '../config/runtime-config';

export const callbackPath = `${consoleBase}auth/callback`;

/**
 * Authorization code + PKCE (S256) against Keycloak or the development IdP; tokens are renewed
 * with the refresh token before they expire. Session storage: a closed tab forgets the session.
 */
export function createUserManager(config: RuntimeConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${callbackPath}`,
    post_logout_redirect_uri: `${origin}${consoleBase}`,
    response_type: 'code',
    scope: 'openid profile email',
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
