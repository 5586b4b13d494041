import { Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSites, useExpectedVisitors, useRevokePass } from '../api/security-desk';
import { useAuth } from '../auth/auth-provider';
import { issuesPasses } from '../auth/principal';
import { PassForm } from '../components/pass-form';
import { PassTable } from '../components/pass-table';
import { EmptyState, QueryState } from '../components/query-state';
import { ForbiddenScreen } from './forbidden.screen';

/** Visitor passes [пропуска] for concierges and dispatchers (ADR 0029): order one, see the day's passes at a site, revoke. */
export default function PassesScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const sites = useDeskSites();
  const siteList = sites.data ?? [];
  const [chosen, setChosen] = useState('');
  const site = siteList.includes(chosen) ? chosen : (siteList[0] ?? '');
  const expected = useExpectedVisitors(site);
  const revoke = useRevokePass();
  if (!issuesPasses(principal)) return <ForbiddenScreen />;
  const passes = expected.data?.items ?? [];
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('passes.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('passes.intro')}
      </Text>
      <QueryState isLoading={sites.isLoading} error={sites.error}>
        {siteList.length === 0 ? <EmptyState>{t('passes.noSites')}</EmptyState> : <PassForm sites={siteList} />}
      </QueryState>
      {siteList.length > 0 && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              {t('passes.today')}
            </Title>
            {siteList.length > 1 && <SegmentedControl data={[...siteList]} value={site} onChange={setChosen} aria-label={t('passes.site')} />}
            <QueryState isLoading={expected.isLoading} error={expected.error} retry={() => void expected.refetch()}>
              {passes.length === 0 ? (
                <EmptyState>{t('desk.noneExpected')}</EmptyState>
              ) : (
                <PassTable passes={passes} queued={[]} caption={t('passes.today')} onRevoke={(pass) => revoke.mutate(pass.id)} />
              )}
            </QueryState>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
