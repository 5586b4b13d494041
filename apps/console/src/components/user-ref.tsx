import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';

/**
 * A user named by id. Interim: shows "you" or the id; phase 2 resolves display names through the
 * user directory (GET /directory/users) and the display names the API adds to histories.
 */
export function UserRef({ id, fallback }: { id: string | null | undefined; fallback?: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  if (!id) return <Text span c="dimmed">{fallback ?? t('common.unassigned')}</Text>;
  if (id === principal?.userId) return <Text span fw={600}>{t('common.you')}</Text>;
  if (id === 'system') return <Text span c="dimmed">{t('common.system')}</Text>;
  return (
    <Text span ff="monospace" size="sm" title={id}>
      {id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id}
    </Text>
  );
}
