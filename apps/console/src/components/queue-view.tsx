import '@mantine/dates/styles.css';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentListFilters, RequestListFilters } from '../api/models';
import { useIncidentList, useRequestList } from '../api/queries';
import { useAuth } from '../auth/auth-provider';
import { isManager } from '../auth/principal';
import { LinkToProblem } from './link-to-problem';
import { useFormat } from '../i18n/format';
import { IncidentTable } from './incident-table';
import { EmptyState, QueryState } from './query-state';
import { TakeNextButton } from './queue-actions';
import { QueueFilters } from './queue-filters';
import type { ListFilters, ListResource } from './queue-filters';
import { RequestTable } from './request-table';
import { SavedFiltersMenu } from './saved-filters-menu';

/**
 * A queue: filters, saved filters, the table, keyset "load more", and live refresh (the list is
 * polled while it is on screen, so it follows the projection without a reload).
 */
export function QueueView({ resource, title, initialFilters }: { resource: ListResource; title: string; initialFilters: ListFilters }) {
  const [filters, setFilters] = useState<ListFilters>(initialFilters);
  // Applying a saved filter starts the filter form afresh.
  const [applied, setApplied] = useState(0);
  // Typing in the text filter should not send a query per keystroke.
  const [debounced] = useDebouncedValue(filters, 300);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{title}</Title>
        <Group gap="sm">
          <TakeNextButton kind={resource === 'requests' ? 'request' : 'incident'} />
          <SavedFiltersMenu
            resource={resource}
            current={filters}
            onApply={(saved) => {
              setFilters({ ...saved });
              setApplied((n) => n + 1);
            }}
          />
        </Group>
      </Group>
      <QueueFilters key={applied} resource={resource} value={filters} onChange={setFilters} />
      {resource === 'requests' ? <RequestRows filters={debounced} caption={title} /> : <IncidentRows filters={debounced} caption={title} />}
    </Stack>
  );
}

function RequestRows({ filters, caption }: { filters: ListFilters; caption: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  // Managers pick rows for "link to problem" (an outage's reports need no incident of their own).
  const manager = Boolean(principal && isManager(principal));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const setAll = useCallback(
    (ids: readonly string[], on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
    [],
  );
  const list = useRequestList({
    state: filters.state as RequestListFilters['state'],
    priority: filters.priority,
    assignee: filters.assignee,
    channel: filters.channel,
    clientId: filters.clientId,
    q: filters.q,
    from: filters.from,
    to: filters.to,
    breached: filters.breached,
    sort: filters.sort,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
      {items.length === 0 ? (
        <EmptyState>{t('queue.emptyRequests')}</EmptyState>
      ) : (
        <Stack gap="xs">
          {manager && (
            <Group>
              <LinkToProblem requestIds={[...selected]} onLinked={() => setSelected(new Set())} />
            </Group>
          )}
          <RequestTable items={items} caption={caption} dataUpdatedAt={list.dataUpdatedAt} selection={manager ? { selected, toggle, setAll } : undefined} />
        </Stack>
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
        shown={items.length}
        updatedAt={list.dataUpdatedAt}
      />
    </QueryState>
  );
}

function IncidentRows({ filters, caption }: { filters: ListFilters; caption: string }) {
  const { t } = useTranslation();
  const list = useIncidentList({
    state: filters.state as IncidentListFilters['state'],
    priority: filters.priority,
    assignee: filters.assignee,
    clientId: filters.clientId,
    q: filters.q,
    breached: filters.breached,
    sort: filters.sort,
    service: filters.service,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
      {items.length === 0 ? (
        <EmptyState>{t('queue.emptyIncidents')}</EmptyState>
      ) : (
        <IncidentTable items={items} caption={caption} dataUpdatedAt={list.dataUpdatedAt} />
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
        shown={items.length}
        updatedAt={list.dataUpdatedAt}
      />
    </QueryState>
  );
}

function LoadMore({
  hasMore,
  loading,
  onClick,
  shown,
  updatedAt,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  shown: number;
  updatedAt: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('queue.shown', { count: shown, formatted: f.number(shown) })}
        {updatedAt > 0 && ` · ${t('queue.live', { time: f.dateTime(new Date(updatedAt).toISOString()) })}`}
      </Text>
      {hasMore && (
        <Button variant="light" onClick={onClick} loading={loading}>
          {t('queue.loadMore')}
        </Button>
      )}
    </Group>
  );
}
