import { Anchor, Breadcrumbs, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBuildings, useSite } from '../../api/estate';
import { EmptyState, QueryState } from '../../components/query-state';

/** A site's buildings; each opens its grid. */
export default function SiteScreen() {
  const { t } = useTranslation();
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const buildings = useBuildings(siteId);
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/sites">
          {t('estate.sites')}
        </Anchor>
        <span>{site.data?.name ?? '…'}</span>
      </Breadcrumbs>
      <Title order={2}>{site.data?.name ?? t('estate.site')}</Title>
      <QueryState isLoading={buildings.isLoading} error={buildings.error} retry={() => void buildings.refetch()}>
        {buildings.data && buildings.data.items.length === 0 && <EmptyState>{t('estate.noBuildings')}</EmptyState>}
        {buildings.data && buildings.data.items.length > 0 && (
          <Paper withBorder>
            <Table data-testid="buildings" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('estate.building')}</Table.Th>
                  <Table.Th scope="col">{t('estate.address')}</Table.Th>
                  <Table.Th scope="col">{t('estate.entranceCount')}</Table.Th>
                  <Table.Th scope="col">{t('estate.unitCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {buildings.data.items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sites/${siteId}/buildings/${b.id}`} aria-label={`${b.name}: ${t('estate.openGrid')}`}>
                        {b.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{b.address}</Table.Td>
                    <Table.Td>{b.entrances}</Table.Td>
                    <Table.Td>{b.units}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}
