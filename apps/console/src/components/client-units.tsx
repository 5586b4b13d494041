import { Anchor, Badge, Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClientUnits } from '../api/estate';
import { useAuth } from '../auth/auth-provider';
import { mayReadEstate } from '../auth/principal';
import { EmptyState, QueryState } from './query-state';

/** The client card's units: where the client is owner, tenant or resident (in the sites the person sees). */
export function ClientUnits({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const allowed = mayReadEstate(principal) && !clientId.startsWith('legacy-');
  const units = useClientUnits(clientId, allowed);
  if (!allowed) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-units">
      <Title order={3} size="h4" id="client-units" mb="sm">
        {t('estate.clientUnits')}
      </Title>
      <QueryState isLoading={units.isLoading} error={units.error} retry={() => void units.refetch()}>
        {units.data && units.data.items.length === 0 && <EmptyState>{t('estate.noClientUnits')}</EmptyState>}
        {units.data && units.data.items.length > 0 && (
          <Table data-testid="client-units">
            <Table.Tbody>
              {units.data.items.map((held) => (
                <Table.Tr key={held.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/units/${held.unit.id}`}>
                      {held.unit.siteName}, {held.unit.buildingName}, {t(`estate.type.${held.unit.type}`)} {held.unit.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`estate.relationName.${held.relation}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={held.current ? 'teal' : 'gray'} size="sm">
                      {held.current ? t('estate.current') : t('estate.past')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Paper>
  );
}
