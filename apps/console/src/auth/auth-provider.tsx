import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { setAccessTokenProvider } from '../api/client';
import { principalFromAccessToken } from './principal';
import type { Principal } from './principal';
import { callbackPath } from './user-manager';

export interface Auth {
  readonly principal: Principal | null;
  readonly user: User | null;
  readonly error: string | null;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
}

// The code is redeemed once, however often the effect runs (React's StrictMode runs it twice).
const callbacks = new WeakMap<UserManager, Promise<User>>();
function finishSignInOnce(userManager: UserManager): Promise<User> {
  let pending = callbacks.get(userManager);
  if (!pending) {
    pending = userManager.signinRedirectCallback();
    callbacks.set(userManager, pending);
  }
  return pending;
}

/** Exported for component tests, which sign an operator in without an IdP. */
export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Signs the operator in (redirect to the IdP), finishes the callback, keeps the token fresh. */
export function AuthProvider({ userManager, children }: { userManager: UserManager; children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const finish = async () => {
      if (window.location.pathname === callbackPath) {
        const signedIn = await finishSignInOnce(userManager);
        const returnTo = typeof signedIn.state === 'string' && signedIn.state.startsWith('/console/') ? signedIn.state : '/console/';
        window.history.replaceState(null, '', returnTo);
        return signedIn;
      }
      return userManager.getUser();
    };
    finish()
      .then((u) => !cancelled && setUser(u && !u.expired ? u : null))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => !cancelled && setReady(true));
    const loaded = (u: User) => setUser(u);
    const unloaded = () => setUser(null);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    userManager.events.addSilentRenewError((e) => setError(e.message));
    return () => {
      cancelled = true;
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
    };
  }, [userManager]);

  useEffect(() => {
    setAccessTokenProvider(async () => {
      const current = await userManager.getUser();
      if (current && current.expires_in !== undefined && current.expires_in < 30 && current.refresh_token) {
        return (await userManager.signinSilent())?.access_token ?? null;
      }
      return current?.access_token ?? null;
    });
  }, [userManager]);

  const signIn = useCallback(
    (returnTo?: string) => userManager.signinRedirect({ state: returnTo ?? `${window.location.pathname}${window.location.search}` }),
    [userManager],
  );
  const signOut = useCallback(async () => {
    await userManager.signoutRedirect().catch(() => userManager.removeUser());
  }, [userManager]);

  const principal = useMemo(() => (user ? principalFromAccessToken(user.access_token) : null), [user]);
  const value = useMemo<Auth>(() => ({ principal, user, error, signIn, signOut }), [principal, user, error, signIn, signOut]);
  if (!ready) return null;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
