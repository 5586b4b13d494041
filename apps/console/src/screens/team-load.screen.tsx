import { Anchor, Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client';
import type { AssigneeLoad } from '../api/models';
import { useAuth } from '../auth/auth-provider';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { EmptyState, QueryState } from '../components/query-state';
import { PresenceBadge } from '../components/presence-badge';
import { UserRef } from '../components/user-ref';
import { ForbiddenScreen } from './forbidden.screen';
import { useFormat } from '../i18n/format';

/** Managers: open items per assignee and the oldest one's age, counted by the read models (GET /team/load); links to Grafana. */
export default function TeamLoadScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const config = useRuntimeConfig();
  const helpDesk = Boolean(principal?.roles.includes('HelpDeskManager'));
  const l3 = Boolean(principal?.roles.includes('SL3Manager'));
  const load = useQuery({
    queryKey: ['team-load'],
    queryFn: async ({ signal }) => (await call('GET', '/team/load', { signal })).data,
    enabled: helpDesk || l3,
    refetchInterval: 30_000,
  });
  if (!helpDesk && !l3) return <ForbiddenScreen />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('team.title')}</Title>
        {config.grafanaUrl && (
          <Group gap="xs">
            <Button component="a" variant="light" href={`${config.grafanaUrl.replace(/\/$/, '')}/d/switchboard-team-board`} target="_blank" rel="noreferrer">
              {t('team.grafanaTeam')}
            </Button>
            <Button component="a" variant="light" href={`${config.grafanaUrl.replace(/\/$/, '')}/d/switchboard-operations`} target="_blank" rel="noreferrer">
              {t('team.grafanaOverview')}
            </Button>
          </Group>
        )}
      </Group>
      <QueryState isLoading={load.isLoading} error={load.error} retry={() => void load.refetch()}>
        {load.data?.requests && <LoadTable kind="requests" rows={load.data.requests} readAt={load.dataUpdatedAt} />}
        {load.data?.incidents && <LoadTable kind="incidents" rows={load.data.incidents} readAt={load.dataUpdatedAt} />}
      </QueryState>
    </Stack>
  );
}

function LoadTable({ kind, rows, readAt }: { kind: 'requests' | 'incidents'; rows: readonly AssigneeLoad[]; readAt: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  // Ages as of the moment the load was read.
  const ageOf = (row: AssigneeLoad) => Math.max(0, readAt - Date.parse(row.oldestCreatedAt));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`team-${kind}`}>
      <Title order={3} size="h4" id={`team-${kind}`} mb="sm">
        {t(`team.${kind}`)}
      </Title>
      {rows.length === 0 ? (
        <EmptyState>{t('team.empty')}</EmptyState>
      ) : (
        <Table data-testid={`team-load-${kind}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('team.assignee')}</Table.Th>
              <Table.Th scope="col">{t('presence.label')}</Table.Th>
              <Table.Th scope="col">{t('team.open')}</Table.Th>
              <Table.Th scope="col">{t('team.oldest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.assigneeId ?? 'none'}>
                <Table.Td>
                  {r.assigneeId ? (
                    <Anchor component={Link} to={`/${kind}?assignee=${encodeURIComponent(r.assigneeId)}`}>
                      <UserRef id={r.assigneeId} name={r.assigneeName} />
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={`/${kind}?assignee=none`}>
                      {t('common.unassigned')}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>{r.presence ? <PresenceBadge status={r.presence} /> : '—'}</Table.Td>
                <Table.Td>{f.number(r.open)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/${kind}/${r.oldestId}`}>
                    {f.duration(ageOf(r))}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
