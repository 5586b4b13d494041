import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AuthContext } from '../src/auth/auth-provider';
import type { Principal } from '../src/auth/principal';
import { initI18n } from '../src/i18n/i18n';

export const operator: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000111',
  username: 'hd.user.north',
  name: 'Anna Volkova',
  roles: ['HelpDeskUser'],
  departments: ['first-line-north'],
  workGroups: [],
  sites: [],
};

/** Renders a screen as the console would: theme, i18n, query cache, a signed-in operator, the router. */
export async function renderScreen(
  element: ReactElement,
  options: { path?: string; route?: string; lng?: 'en' | 'ru'; principal?: Principal; otherRoutes?: Record<string, ReactElement> } = {},
) {
  const i18n = await initI18n({ lng: options.lng ?? 'en' });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchInterval: false }, mutations: { retry: false } } });
  const auth = { principal: options.principal ?? operator, user: null, error: null, signIn: async () => undefined, signOut: async () => undefined };
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <QueryClientProvider client={queryClient}>
          <AuthContext.Provider value={auth}>
            <MemoryRouter initialEntries={[options.route ?? '/']}>
              <Routes>
                <Route path={options.path ?? '/'} element={element} />
                {Object.entries(options.otherRoutes ?? {}).map(([path, other]) => (
                  <Route key={path} path={path} element={other} />
                ))}
              </Routes>
            </MemoryRouter>
          </AuthContext.Provider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}
