import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client';
import type { CursorPage, IncidentListItem, RequestListItem } from '../api/models';
import { useAuth } from '../auth/auth-provider';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { EmptyState, QueryState } from '../components/query-state';
import { UserRef } from '../components/user-ref';
import { ForbiddenScreen } from './forbidden.screen';
import { openIncidentStates, openRequestStates } from '../domain/queues';
import { teamLoad } from '../domain/team-load';
import { useFormat } from '../i18n/format';

/** Most open items the board reads (10 pages of 100); more is shown as a lower bound. */
const MAX_PAGES = 10;

async function allOpen<T>(route: '/requests' | '/incidents', state: readonly string[]): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: CursorPage<T> = (await call<CursorPage<T>>('GET', route, { query: { state, limit: 100, cursor } })).data;
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

/** Managers: open items per assignee and the oldest one's age, from the list queries; links to Grafana. */
export default function TeamLoadScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const config = useRuntimeConfig();
  const helpDesk = Boolean(principal?.roles.includes('HelpDeskManager'));
  const l3 = Boolean(principal?.roles.includes('SL3Manager'));
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
      {helpDesk && <LoadTable kind="requests" />}
      {l3 && <LoadTable kind="incidents" />}
    </Stack>
  );
}

function LoadTable({ kind }: { kind: 'requests' | 'incidents' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = useQuery({
    queryKey: ['team-load', kind],
    queryFn: () => allOpen<RequestListItem | IncidentListItem>(kind === 'requests' ? '/requests' : '/incidents', kind === 'requests' ? openRequestStates : openIncidentStates),
    refetchInterval: 30_000,
  });
  // Ages as of the moment the lists were read.
  const rows = open.data ? teamLoad(open.data.items, open.dataUpdatedAt) : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`team-${kind}`}>
      <Title order={3} size="h4" id={`team-${kind}`} mb="sm">
        {t(`team.${kind}`)}
      </Title>
      <QueryState isLoading={open.isLoading} error={open.error} retry={() => void open.refetch()}>
        {rows.length === 0 ? (
          <EmptyState>{t('team.empty')}</EmptyState>
        ) : (
          <Table data-testid={`team-load-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('team.assignee')}</Table.Th>
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
                        <UserRef id={r.assigneeId} />
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to={`/${kind}?assignee=none`}>
                        {t('common.unassigned')}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{f.number(r.open)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/${kind}/${r.oldestId}`}>
                      {f.duration(r.oldestAgeMs)}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {open.data && !open.data.complete && (
          <Text size="xs" c="dimmed">
            {t('team.truncated', { count: open.data.items.length })}
          </Text>
        )}
      </QueryState>
    </Paper>
  );
}
