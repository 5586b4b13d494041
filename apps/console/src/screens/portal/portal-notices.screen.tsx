import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePortalNotices } from '../../api/portal';
import { EmptyState, QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

/** Building notices sent to me: planned shut-offs, lift repairs (mass and informational communications). */
export default function PortalNoticesScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const notices = usePortalNotices();
  const items = notices.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('portal.notices.title')}
      </Title>
      <QueryState isLoading={notices.isLoading} error={notices.error} retry={() => void notices.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{t('portal.notices.none')}</EmptyState>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('portal.notices.title')}>
            {items.map((n) => (
              <li key={n.id}>
                <Paper withBorder p="sm">
                  <Text size="xs" c="dimmed">
                    <time dateTime={n.requestedAt}>{f.dateTime(n.requestedAt)}</time>
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {n.text}
                  </Text>
                </Paper>
              </li>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
