import { Alert, Anchor, Badge, CloseButton, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskQueue } from '../api/desk-queue';
import {
  deskQueue,
  recordVisitStep,
  useDayLog,
  useDeskQueueRunner,
  useDeskSearch,
  useDeskSites,
  useExpectedVisitors,
  useFreshPasses,
  useUnitContacts,
} from '../api/security-desk';
import { useAuth } from '../auth/auth-provider';
import { guardsDesk } from '../auth/principal';
import { DeskConnection } from '../components/desk-connection';
import { PassTable } from '../components/pass-table';
import { EmptyState, QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { ForbiddenScreen } from './forbidden.screen';

/** The site the desk shows: the only one, or the guard's choice among theirs (remembered on the tablet). */
function useSite(sites: readonly string[]): [string, (site: string) => void] {
  const [chosen, setChosen] = useState(() => localStorage.getItem('switchboard.desk.site') ?? '');
  const site = sites.includes(chosen) ? chosen : (sites[0] ?? chosen);
  const choose = (next: string) => {
    localStorage.setItem('switchboard.desk.site', next);
    setChosen(next);
  };
  return [site, choose];
}

/**
 * The guard's desk [рабочий стол охраны] (ADR 0029), tablet-sized: today's expected visitors at the
 * site, search by plate or name, one tap to check in or out, overstays in red, the unit's resident
 * phone for a visitor without a pass, the day's log. It keeps working through a network loss: the
 * day's list is cached in the browser and check-ins wait in an outbox until the connection returns.
 */
export default function SecurityDeskScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  useDeskQueueRunner();
  const sites = useDeskSites();
  const cachedSite = localStorage.getItem('switchboard.desk.site') ?? '';
  const siteList = sites.data ?? (cachedSite ? [cachedSite] : (principal?.sites ?? []));
  const [site, setSite] = useSite(siteList);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const { queued, refused } = useDeskQueue(deskQueue);
  const expected = useExpectedVisitors(site);
  const search = useDeskSearch(site, debounced);
  const searching = debounced.trim() !== '';
  const passes = useFreshPasses((searching ? search.data : expected.data?.items) ?? []);
  useEffect(() => {
    if (site) localStorage.setItem('switchboard.desk.site', site);
  }, [site]);
  if (!guardsDesk(principal)) return <ForbiddenScreen />;
  const list = searching ? search : expected;
  return (
    <Stack maw={1200}>
      <Group justify="space-between" align="center">
        <Title order={2}>{t('desk.title')}</Title>
        <Group>
          {siteList.length > 1 && <SegmentedControl size="md" data={[...siteList]} value={site} onChange={setSite} aria-label={t('desk.site')} />}
          <DeskConnection />
        </Group>
      </Group>
      <TextInput
        size="xl"
        label={t('desk.search')}
        description={t('desk.searchHint')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        rightSection={query ? <CloseButton aria-label={t('desk.clearSearch')} onClick={() => setQuery('')} /> : null}
        data-testid="desk-search"
        autoComplete="off"
      />
      {refused.map((step) => (
        <Alert
          key={step.key}
          color="red"
          role="alert"
          withCloseButton
          closeButtonLabel={t('common.dismiss')}
          onClose={() => deskQueue.dismissRefused(step.key)}
        >
          {t('desk.refusedStep', { label: step.label, detail: step.detail })}
        </Alert>
      ))}
      {expected.data?.offlineSince && (
        <Text size="sm" c="dimmed" data-testid="desk-cached">
          {t('desk.cachedList')}
        </Text>
      )}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {searching ? t('desk.results') : t('desk.expected')}
        </Title>
        <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          {passes.length === 0 ? (
            <EmptyState>{searching ? t('desk.noMatch') : t('desk.noneExpected')}</EmptyState>
          ) : (
            <PassTable
              passes={passes}
              queued={queued}
              caption={searching ? t('desk.results') : t('desk.expected')}
              onStep={(pass, action) => void recordVisitStep(pass, action)}
            />
          )}
        </QueryState>
      </Paper>
      <NoPassPanel site={site} />
      <DayLogPanel site={site} />
    </Stack>
  );
}

/** A visitor without a pass: find the unit, call its resident. */
function NoPassPanel({ site }: { site: string }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const contacts = useUnitContacts(site, debounced);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('desk.noPass.title')}
      </Title>
      <TextInput
        size="lg"
        label={t('desk.noPass.unit')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="unit-search"
        autoComplete="off"
      />
      {debounced.trim().length >= 2 && (
        <QueryState isLoading={contacts.isLoading} error={contacts.error}>
          <Stack gap="xs" mt="sm" data-testid="unit-contacts">
            {(contacts.data ?? []).length === 0 && <Text c="dimmed">{t('desk.noPass.none')}</Text>}
            {(contacts.data ?? []).map((c) => (
              <Group key={`${c.siteSlug}:${c.unitId}`} justify="space-between" align="flex-start">
                <Text>{c.unitLabel}</Text>
                <Stack gap={2} align="flex-end">
                  {c.residentPhones.length === 0 && <Text c="dimmed">{t('desk.noPass.nobody')}</Text>}
                  {c.residentPhones.map((phone) => (
                    <Anchor key={phone} href={`tel:${phone.replace(/[^+0-9]/g, '')}`} size="lg" fw={600}>
                      {t('desk.noPass.call', { phone })}
                    </Anchor>
                  ))}
                </Stack>
              </Group>
            ))}
          </Stack>
        </QueryState>
      )}
    </Paper>
  );
}

/** The site's day: who came in and out, when, let by whom; overstays marked. */
function DayLogPanel({ site }: { site: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const log = useDayLog(site);
  const visits = log.data ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('desk.log.title')}
      </Title>
      <QueryState isLoading={log.isLoading} error={log.error && !log.data ? log.error : null} retry={() => void log.refetch()}>
        {visits.length === 0 ? (
          <EmptyState>{t('desk.log.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="day-log">
              <Table.Caption>{t('desk.log.title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('desk.visitor')}</Table.Th>
                  <Table.Th scope="col">{t('desk.unit')}</Table.Th>
                  <Table.Th scope="col">{t('desk.log.in')}</Table.Th>
                  <Table.Th scope="col">{t('desk.log.out')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visits.map((v) => (
                  <Table.Tr key={`${v.passId}:${v.visit}`} data-testid="day-log-row" data-pass-id={v.passId} bg={v.overstay ? 'red.1' : undefined}>
                    <Table.Td>{[v.visitorName, v.plate].filter(Boolean).join(' · ')}</Table.Td>
                    <Table.Td>{v.unitLabel}</Table.Td>
                    <Table.Td>
                      {f.dateTime(v.checkedInAt)} · {v.checkedInBy}
                    </Table.Td>
                    <Table.Td>
                      {v.checkedOutAt ? `${f.dateTime(v.checkedOutAt)} · ${v.checkedOutBy ?? ''}` : t('desk.log.inside')}{' '}
                      {v.overstay && <Badge color="red">{t('desk.overstay')}</Badge>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Paper>
  );
}
