import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';

/**
 * 409: someone changed the entity since this screen read it. Shows its state now and reloads in one
 * click; nothing is applied over the other person's change.
 */
export function ConflictAlert({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!isApiError(error) || error.status !== 409 || !error.problem.current) return null;
  const current = error.problem.current;
  return (
    <Alert color="red" title={t('conflict.title')} role="alert" data-testid="conflict">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('conflict.message', { state: t(`state.${current.state}`) })}</Text>
        <Button size="xs" onClick={onReload}>
          {t('conflict.reload')}
        </Button>
      </Group>
    </Alert>
  );
}
