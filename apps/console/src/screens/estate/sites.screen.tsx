import { Anchor, Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSites } from '../../api/estate';
import { useAuth } from '../../auth/auth-provider';
import { mayReadEstate, maySeeSiteSla } from '../../auth/principal';
import { EmptyState, QueryState } from '../../components/query-state';
import { ForbiddenScreen } from '../forbidden.screen';

/** The sites [объекты] the person sees (a site manager: theirs; head office: all), with their buildings and units. */
export default function SitesScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const sites = useSites();
  if (!mayReadEstate(principal)) return <ForbiddenScreen />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('estate.sites')}</Title>
        {maySeeSiteSla(principal) && (
          <Button component={Link} to="/sites-sla" variant="light">
            {t('siteSla.title')}
          </Button>
        )}
      </Group>
      <QueryState isLoading={sites.isLoading} error={sites.error} retry={() => void sites.refetch()}>
        {sites.data && sites.data.items.length === 0 && <EmptyState>{t('estate.noSites')}</EmptyState>}
        {sites.data && sites.data.items.length > 0 && (
          <Paper withBorder>
            <Table data-testid="sites" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('estate.site')}</Table.Th>
                  <Table.Th scope="col">{t('estate.address')}</Table.Th>
                  <Table.Th scope="col">{t('estate.buildingCount')}</Table.Th>
                  <Table.Th scope="col">{t('estate.unitCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sites.data.items.map((site) => (
                  <Table.Tr key={site.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sites/${site.id}`}>
                        {site.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{site.address}</Table.Td>
                    <Table.Td>{site.buildings}</Table.Td>
                    <Table.Td>{site.units}</Table.Td>
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
