import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { UserManager } from 'oidc-client-ts';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { isApiError } from './api/problem';
import { AuthProvider } from './auth/auth-provider';
import { RequireSignIn } from './auth/require-sign-in';
import type { RuntimeConfig } from './config/runtime-config';
import { RuntimeConfigContext } from './config/runtime-config-context';
import { routes } from './routes';

const theme = createTheme({
  primaryColor: 'blue',
  // A visible focus ring on every control, keyboard or not (WCAG 2.4.7).
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors do not get better by asking again; a dropped connection may.
        retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
}

function Router() {
  const [router] = useState(() => createBrowserRouter(routes, { basename: '/console' }));
  return <RouterProvider router={router} />;
}

export function App({ config, userManager, i18n }: { config: RuntimeConfig; userManager: UserManager; i18n: I18n }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <RuntimeConfigContext.Provider value={config}>
          <QueryClientProvider client={queryClient}>
            <AuthProvider userManager={userManager}>
              <RequireSignIn>
                <Router />
              </RequireSignIn>
            </AuthProvider>
          </QueryClientProvider>
        </RuntimeConfigContext.Provider>
      </MantineProvider>
    </I18nextProvider>
  );
}
