import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, describeProblem } from '../api/problem';
import { ForbiddenScreen } from '../screens/forbidden.screen';
import { NotFoundScreen } from '../screens/not-found.screen';

/** Loading, error, not found and forbidden, the same way on every screen. */
export function QueryState({ isLoading, error, retry, children }: { isLoading: boolean; error: unknown; retry?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  if (isLoading) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader aria-hidden />
        <Text ml="sm">{t('common.loading')}</Text>
      </Center>
    );
  }
  if (error) {
    if (isApiError(error) && error.status === 404) return <NotFoundScreen />;
    if (isApiError(error) && error.status === 403) return <ForbiddenScreen />;
    const { title, message } = describeProblem(error, t);
    return (
      <Alert color="red" title={title} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{message}</Text>
          {retry && (
            <Button size="xs" variant="outline" color="red.9" onClick={retry}>
              {t('common.retry')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  return <>{children}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed">{children}</Text>
    </Center>
  );
}
