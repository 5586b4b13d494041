import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePortalRequests } from '../../api/portal';
import { EmptyState, QueryState } from '../../components/query-state';
import { StateBadge } from '../../components/state-badge';
import { useFormat } from '../../i18n/format';

/** My requests, newest activity first, each with its status chip. */
export default function PortalRequestsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params] = useSearchParams();
  const requests = usePortalRequests(params.get('minPosition') ?? undefined);
  const items = requests.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('portal.requests.title')}
        </Title>
        <Button component={Link} to="/portal/new" size="sm">
          {t('portal.requests.new')}
        </Button>
      </Group>
      <QueryState isLoading={requests.isLoading} error={requests.error} retry={() => void requests.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{t('portal.requests.empty')}</EmptyState>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('portal.requests.title')}>
            {items.map((r) => (
              <li key={r.id} data-testid="portal-request">
                <Paper withBorder p="sm">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Anchor component={Link} to={`/portal/requests/${r.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {r.subject ?? t('portal.requests.untitled')}
                    </Anchor>
                    <div style={{ flexShrink: 0 }}>
                      <StateBadge state={r.status} />
                    </div>
                  </Group>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('portal.requests.updated')} <time dateTime={r.updatedAt}>{f.dateTime(r.updatedAt)}</time>
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
