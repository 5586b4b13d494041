import { Anchor, Badge, Breadcrumbs, Grid, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUnitCard } from '../../api/estate';
import type { UnitCard } from '../../api/models';
import { DetailRow } from '../../components/detail-row';
import { EmptyState, QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

/** The unit card: where it is, its people (current first), its open and past requests, and (for the security desk) its passes. */
export default function UnitCardScreen() {
  const { unitId = '' } = useParams();
  const card = useUnitCard(unitId);
  return (
    <QueryState isLoading={card.isLoading} error={card.error} retry={() => void card.refetch()}>
      {card.data && <UnitCardView card={card.data} />}
    </QueryState>
  );
}

function UnitCardView({ card }: { card: UnitCard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { unit } = card;
  return (
    <Stack data-testid="unit-card">
      <Breadcrumbs>
        <Anchor component={Link} to="/sites">
          {t('estate.sites')}
        </Anchor>
        <Anchor component={Link} to={`/sites/${unit.siteId}`}>
          {unit.siteName}
        </Anchor>
        <Anchor component={Link} to={`/sites/${unit.siteId}/buildings/${unit.buildingId}`}>
          {unit.buildingName}
        </Anchor>
        <span>{unit.number}</span>
      </Breadcrumbs>
      <Title order={2}>
        {t(`estate.type.${unit.type}`)} {unit.number}
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" component="section" aria-label={t('estate.unitCard')}>
            <Table fz="sm" variant="vertical" layout="fixed">
              <Table.Tbody>
                <DetailRow label={t('estate.place')}>
                  {unit.siteName}, {unit.buildingName}, {t('estate.entrance', { number: unit.entranceNumber })}
                </DetailRow>
                <DetailRow label={t('estate.floor')}>{unit.floor}</DetailRow>
                <DetailRow label={t('estate.area')}>{unit.area === undefined ? '—' : t('estate.areaValue', { area: f.number(unit.area) })}</DetailRow>
                <DetailRow label={t('estate.rooms')}>{unit.rooms ?? '—'}</DetailRow>
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="unit-people">
              <Title order={3} size="h4" id="unit-people" mb="sm">
                {t('estate.people')}
              </Title>
              {card.residents.length === 0 ? (
                <EmptyState>{t('estate.noPeople')}</EmptyState>
              ) : (
                <Table data-testid="unit-people">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('estate.people')}</Table.Th>
                      <Table.Th scope="col">{t('estate.relation')}</Table.Th>
                      <Table.Th scope="col">{t('estate.period')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {card.residents.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/clients/${r.clientId}`}>
                            {r.person?.name || r.clientId}
                          </Anchor>
                          {r.person?.phone ? ` · ${r.person.phone}` : ''}
                        </Table.Td>
                        <Table.Td>{t(`estate.relationName.${r.relation}`)}</Table.Td>
                        <Table.Td>
                          {r.to ? t('estate.fromTo', { from: r.from, to: r.to }) : t('estate.from', { from: r.from })}{' '}
                          <Badge variant="filled" color={r.current ? 'teal' : 'gray'} size="sm">
                            {r.current ? t('estate.current') : t('estate.past')}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
            {card.passes && <UnitPasses passes={card.passes} />}
            {(!card.passes || card.requests.open.length + card.requests.past.length > 0) && (
              <>
                <UnitRequests title={t('estate.openRequests')} id="unit-open-requests" rows={card.requests.open} />
                <UnitRequests title={t('estate.pastRequests')} id="unit-past-requests" rows={card.requests.past} />
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Today's and upcoming visitor passes (the security desk's roles of the unit's site see them). */
function UnitPasses({ passes }: { passes: NonNullable<UnitCard['passes']> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-passes">
      <Title order={3} size="h4" id="unit-passes" mb="sm">
        {t('estate.passes')}
      </Title>
      {passes.length === 0 ? (
        <EmptyState>{t('estate.noPasses')}</EmptyState>
      ) : (
        <Table data-testid="unit-passes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('estate.visitor')}</Table.Th>
              <Table.Th scope="col">{t('passes.kindLabel')}</Table.Th>
              <Table.Th scope="col">{t('estate.validity')}</Table.Th>
              <Table.Th scope="col">{t('estate.visits')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passes.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{[p.visitorName, p.plate].filter(Boolean).join(' · ')}</Table.Td>
                <Table.Td>{t(`desk.kind.${p.kind}`)}</Table.Td>
                <Table.Td>
                  {f.dateTime(p.validFrom)} – {f.dateTime(p.validUntil)}
                </Table.Td>
                <Table.Td>
                  {p.visits}
                  {p.insideSince && (
                    <Badge ml="xs" color="teal" variant="light">
                      {t('estate.inside')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function UnitRequests({ title, id, rows }: { title: string; id: string; rows: UnitCard['requests']['open'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <EmptyState>{t('estate.noRequests')}</EmptyState>
      ) : (
        <Table data-testid={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('estate.subject')}</Table.Th>
              <Table.Th scope="col">{t('estate.stateLabel')}</Table.Th>
              <Table.Th scope="col">{t('estate.bySla')}</Table.Th>
              <Table.Th scope="col">{t('estate.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`}>
                    {r.subject || r.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`state.${r.state}`, { defaultValue: r.state })}</Table.Td>
                <Table.Td>{t(`estate.sla.${r.slaState}`)}</Table.Td>
                <Table.Td>{f.dateTime(r.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
