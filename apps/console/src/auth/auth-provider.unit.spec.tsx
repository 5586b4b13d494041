import { render, screen, waitFor } from '@testing-library/react';
import type { UserManager } from 'oidc-client-ts';
import { StrictMode } from 'react';
import { AuthProvider, useAuth } from './auth-provider';

function fakeUserManager(signinRedirectCallback: jest.Mock) {
  const events = {
    addUserLoaded: jest.fn(),
    addUserUnloaded: jest.fn(),
    addSilentRenewError: jest.fn(),
    removeUserLoaded: jest.fn(),
    removeUserUnloaded: jest.fn(),
  };
  return { signinRedirectCallback, getUser: jest.fn().mockResolvedValue(null), events } as unknown as UserManager;
}

// header.payload.signature with the claims the console reads.
const accessToken = `x.${Buffer.from(JSON.stringify({ sub: 'u-1', preferred_username: 'hd.user.north', realm_access: { roles: ['HelpDeskUser'] }, groups: ['/departments/first-line-north'] })).toString('base64url')}.x`;

function Who() {
  const { principal } = useAuth();
  return <p>{principal ? `${principal.username} ${principal.roles.join(',')} ${principal.departments.join(',')}` : 'signed out'}</p>;
}

describe('finishing the sign-in', () => {
  it('redeems the authorization code once, even when React runs the effect twice, and returns to the page the operator asked for', async () => {
    window.history.pushState(null, '', '/console/auth/callback?code=abc&state=xyz');
    const callback = jest.fn().mockResolvedValue({ access_token: accessToken, expired: false, state: '/console/clients' });
    render(
      <StrictMode>
        <AuthProvider userManager={fakeUserManager(callback)}>
          <Who />
        </AuthProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('hd.user.north HelpDeskUser first-line-north')).toBeInTheDocument();
    await waitFor(() => expect(window.location.pathname).toBe('/console/clients'));
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('never returns outside the console', async () => {
    window.history.pushState(null, '', '/console/auth/callback?code=def&state=uvw');
    const callback = jest.fn().mockResolvedValue({ access_token: accessToken, expired: false, state: 'https://evil.example/' });
    render(
      <AuthProvider userManager={fakeUserManager(callback)}>
        <Who />
      </AuthProvider>,
    );
    await screen.findByText(/hd.user.north/);
    expect(window.location.pathname).toBe('/console/');
  });
});
