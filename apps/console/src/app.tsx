import { Modal, MantineProvider, createTheme } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { UserManager } from 'oidc-client-ts';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { isApiError } from './api/problem';
import { AuthProvider } from './auth/auth-provider';
import { RequireSignIn } from './auth/require-sign-in';
import type { RuntimeConfig } from './config/runtime-config';
import { RuntimeConfigContext } from './config/runtime-config-context';
import { routes } from './routes';

/**
 * Mantine's defaults with WCAG AA contrast (axe checks every screen in the browser tests): the
 * darkest primary shade for filled controls and links, darker secondary text, black or white text
 * chosen by contrast on coloured backgrounds, a visible focus ring on every control, and labelled
 * close buttons in the operator's language.
 */
function useConsoleTheme() {
  const { t } = useTranslation();
  return useMemo(
    () =>
      createTheme({
        primaryColor: 'blue',
        primaryShade: 9,
        autoContrast: true,
        // Operators who ask their system for less motion get no transitions.
        respectReducedMotion: true,
        focusRing: 'always',
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.closeDialog') } } }) },
      }),
    [t],
  );
}

const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

function ThemedApp({ children }: { children: ReactNode }) {
  const theme = useConsoleTheme();
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      {children}
    </MantineProvider>
  );
}

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
      <ThemedApp>
        <Notifications position="bottom-right" limit={3} autoClose={3000} />
        <RuntimeConfigContext.Provider value={config}>
          <QueryClientProvider client={queryClient}>
            <AuthProvider userManager={userManager}>
              <RequireSignIn>
                <Router />
              </RequireSignIn>
            </AuthProvider>
          </QueryClientProvider>
        </RuntimeConfigContext.Provider>
      </ThemedApp>
    </I18nextProvider>
  );
}
