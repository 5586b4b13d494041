import { Anchor, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSitesSla } from '../../api/site-sla';
import { useAuth } from '../../auth/auth-provider';
import { maySeeSiteSla } from '../../auth/principal';
import { useRuntimeConfig } from '../../config/runtime-config-context';
import { EmptyState, QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { ForbiddenScreen } from '../forbidden.screen';

export const PERIODS = ['7', '30', '90'] as const;
type Period = (typeof PERIODS)[number];

interface Figures {
  readonly requests: number;
  readonly closed: number;
  readonly slaMetPercent: number | null;
  readonly breached: number;
  readonly medianResolutionSeconds: number | null;
  readonly p95ResolutionSeconds: number | null;
}

/** The range of the last `days` days, to the current minute (so the query key holds still while the screen is open). */
export function rangeOfDays(days: number, now: Date): { from: string; to: string } {
  const to = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

/**
 * Site SLA (issue 16, "Reports"): per site and request category, the requests registered in the
 * period, closed, SLA met %, breaches, median and 95th percentile resolution time, as the API
 * counts them for the sites the person sees. `?site=<slug>` (Grafana's links) shows one site,
 * `&category=` one category.
 */
export default function SiteSlaScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const config = useRuntimeConfig();
  const format = useFormat();
  const [params] = useSearchParams();
  const [period, setPeriod] = useState<Period>('30');
  const range = useMemo(() => rangeOfDays(Number(period), new Date()), [period]);
  const allowed = maySeeSiteSla(principal);
  const report = useSitesSla(range);
  if (!allowed) return <ForbiddenScreen />;

  const onlySite = params.get('site');
  const onlyCategory = params.get('category');
  const sites = (report.data?.sites ?? []).filter((s) => !onlySite || s.siteSlug === onlySite);
  const percent = (value: number | null) => (value === null ? '—' : `${format.number(value)} %`);
  const duration = (seconds: number | null) => (seconds === null ? '—' : format.duration(seconds * 1000));
  const cells = (f: Figures) => (
    <>
      <Table.Td>{format.number(f.requests)}</Table.Td>
      <Table.Td>{format.number(f.closed)}</Table.Td>
      <Table.Td>{percent(f.slaMetPercent)}</Table.Td>
      <Table.Td>{format.number(f.breached)}</Table.Td>
      <Table.Td>{duration(f.medianResolutionSeconds)}</Table.Td>
      <Table.Td>{duration(f.p95ResolutionSeconds)}</Table.Td>
    </>
  );
  const totals = report.data?.totals;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('siteSla.title')}</Title>
        <Group>
          <SegmentedControl
            aria-label={t('siteSla.period')}
            value={period}
            onChange={(value) => setPeriod(value as Period)}
            data={PERIODS.map((days) => ({ value: days, label: t('siteSla.lastDays', { count: Number(days) }) }))}
          />
          {config.grafanaUrl && (
            <Button component="a" variant="light" href={`${config.grafanaUrl.replace(/\/$/, '')}/d/switchboard-sites-sla`} target="_blank" rel="noreferrer">
              {t('siteSla.grafana')}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        {t('siteSla.explain')}
      </Text>
      {onlySite && (
        <Anchor component={Link} to="/sites-sla">
          {t('siteSla.allSites')}
        </Anchor>
      )}
      <QueryState isLoading={report.isLoading} error={report.error} retry={() => void report.refetch()}>
        {totals && !onlySite && (
          <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="site-sla-headline">
            {[
              [t('siteSla.requests'), format.number(totals.requests)],
              [t('siteSla.slaMet'), percent(totals.slaMetPercent)],
              [t('siteSla.breached'), format.number(totals.breached)],
              [t('siteSla.median'), duration(totals.medianResolutionSeconds)],
            ].map(([label, value]) => (
              <Paper key={label} withBorder p="sm">
                <Text size="sm" c="dimmed">
                  {label}
                </Text>
                <Text size="xl" fw={600}>
                  {value}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
        {report.data && sites.length === 0 && <EmptyState>{t('siteSla.noSites')}</EmptyState>}
        {sites.length > 0 && (
          <Paper withBorder>
            <Table data-testid="site-sla" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('siteSla.siteOrCategory')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.requests')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.closed')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.slaMet')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.breached')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.median')}</Table.Th>
                  <Table.Th scope="col">{t('siteSla.p95')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sites.map((site) => (
                  <Fragment key={site.siteId}>
                    <Table.Tr data-kind="site">
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/sites/${site.siteId}`}>
                          {site.siteName}
                        </Anchor>
                      </Table.Th>
                      {cells(site.totals)}
                    </Table.Tr>
                    {site.categories
                      .filter((c) => !onlyCategory || c.category === onlyCategory)
                      .map((category) => (
                        <Table.Tr key={`${site.siteId}:${category.category}`} data-kind="category">
                          <Table.Td pl="xl">{category.category}</Table.Td>
                          {cells(category)}
                        </Table.Tr>
                      ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}
