import { Anchor, Breadcrumbs, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { memo, useCallback, useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useBuildingGrid } from '../../api/estate';
import type { BuildingGrid, GridUnit, UnitType } from '../../api/models';
import { unitTypes } from '../../api/models';
import { EmptyState, QueryState } from '../../components/query-state';
import { useRenderMeasure } from '../../perf/render-measure';

type ColourBy = 'requests' | 'sla';
type Tone = 'calm' | 'some' | 'many' | 'bad' | undefined;

/** A cell's colour: by open requests (none, 1–2, 3+) or by the worst SLA state of them; the label says the same in words. */
export function toneOf(unit: Pick<GridUnit, 'openRequests' | 'worstSla'>, by: ColourBy): Tone {
  if (by === 'requests') return unit.openRequests === 0 ? undefined : unit.openRequests < 3 ? 'some' : 'many';
  return unit.worstSla === 'breached' ? 'bad' : unit.worstSla === 'warning' ? 'some' : unit.worstSla === 'ok' ? 'calm' : undefined;
}

/** A building's grid [шахматка]: entrances as columns, floors as rows (top first); a unit opens its card. */
export default function BuildingGridScreen() {
  const { siteId = '', buildingId = '' } = useParams();
  const grid = useBuildingGrid(siteId, buildingId);
  return (
    <QueryState isLoading={grid.isLoading} error={grid.error} retry={() => void grid.refetch()}>
      {grid.data && <GridView grid={grid.data} readAt={grid.dataUpdatedAt} />}
    </QueryState>
  );
}

function GridView({ grid, readAt }: { grid: BuildingGrid; readAt: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [colourBy, setColourBy] = useState<ColourBy>('requests');
  const [type, setType] = useState<UnitType | 'all'>('all');
  const cells = useMemo(() => new Map(grid.cells.map((cell) => [`${cell.entranceId}|${cell.floor}`, cell.units])), [grid]);
  const shown = useMemo(() => grid.cells.reduce((n, cell) => n + cell.units.filter((u) => type === 'all' || u.type === type).length, 0), [grid, type]);
  useRenderMeasure('switchboard:grid', shown, readAt);
  // One listener for every unit: 600 buttons, one handler.
  const open = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const unitId = (event.target as HTMLElement).closest<HTMLElement>('[data-unit-id]')?.dataset.unitId;
      if (unitId) void navigate(`/units/${unitId}`);
    },
    [navigate],
  );
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/sites">
          {t('estate.sites')}
        </Anchor>
        <Anchor component={Link} to={`/sites/${grid.site.id}`}>
          {grid.site.name}
        </Anchor>
        <span>{grid.building.name}</span>
      </Breadcrumbs>
      <Title order={2}>{t('estate.gridOf', { building: grid.building.name })}</Title>
      <Group gap="lg" align="end">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="grid-colour-by">
            {t('estate.colourBy')}
          </Text>
          <SegmentedControl
            aria-labelledby="grid-colour-by"
            data-testid="grid-colour-by"
            value={colourBy}
            onChange={(value) => setColourBy(value as ColourBy)}
            data={[
              { value: 'requests', label: t('estate.byRequests') },
              { value: 'sla', label: t('estate.bySla') },
            ]}
          />
        </Stack>
        <Select
          label={t('estate.unitType')}
          data-testid="grid-unit-type"
          value={type}
          onChange={(value) => setType((value as UnitType | 'all' | null) ?? 'all')}
          data={[{ value: 'all', label: t('estate.allTypes') }, ...unitTypes.map((u) => ({ value: u, label: t(`estate.type.${u}`) }))]}
          allowDeselect={false}
        />
        <Legend colourBy={colourBy} />
        <Text size="sm" c="dimmed" data-testid="grid-count">
          {t('estate.unitsShown', { n: shown })}
        </Text>
      </Group>
      {grid.cells.length === 0 ? (
        <EmptyState>{t('estate.noUnits')}</EmptyState>
      ) : (
        <Paper withBorder p="sm">
          <div
            className="estate-grid"
            data-testid="building-grid"
            role="grid"
            aria-label={t('estate.gridOf', { building: grid.building.name })}
            style={{ gridTemplateColumns: `auto repeat(${grid.entrances.length}, minmax(120px, max-content))` }}
            onClick={open}
          >
            <div role="row" style={{ display: 'contents' }}>
              <div className="estate-grid-head" role="columnheader">
                {t('estate.floor')}
              </div>
              {grid.entrances.map((e) => (
                <div key={e.id} className="estate-grid-head" role="columnheader">
                  {t('estate.entrance', { number: e.number })}
                </div>
              ))}
            </div>
            {grid.floors.map((floor) => (
              <div key={floor} role="row" style={{ display: 'contents' }}>
                <div className="estate-grid-floor" role="rowheader">
                  {floor}
                </div>
                {grid.entrances.map((e) => (
                  <Cell key={e.id} units={cells.get(`${e.id}|${floor}`)} type={type} colourBy={colourBy} />
                ))}
              </div>
            ))}
          </div>
        </Paper>
      )}
    </Stack>
  );
}

const Cell = memo(function Cell({ units, type, colourBy }: { units: readonly GridUnit[] | undefined; type: UnitType | 'all'; colourBy: ColourBy }) {
  const { t } = useTranslation();
  return (
    <div className="estate-grid-cell" role="gridcell">
      {units
        ?.filter((u) => type === 'all' || u.type === type)
        .map((u) => (
          <button
            key={u.id}
            type="button"
            className="estate-unit"
            data-unit-id={u.id}
            data-testid={`unit-${u.number}`}
            data-tone={toneOf(u, colourBy)}
            data-vacant={u.occupancy === 0}
            aria-label={t('estate.unitLabel', {
              type: t(`estate.type.${u.type}`),
              number: u.number,
              floor: u.floor,
              open: u.openRequests,
              sla: t(`estate.sla.${u.worstSla}`),
              people: u.occupancy,
            })}
          >
            {u.number}
          </button>
        ))}
    </div>
  );
});

function Legend({ colourBy }: { colourBy: ColourBy }) {
  const { t } = useTranslation();
  const items: [Tone, string][] =
    colourBy === 'requests'
      ? [
          [undefined, t('estate.legendNone')],
          ['some', t('estate.legendSome')],
          ['many', t('estate.legendMany')],
        ]
      : [
          [undefined, t('estate.legendNone')],
          ['calm', t('estate.legendOk')],
          ['some', t('estate.legendWarning')],
          ['bad', t('estate.legendBreached')],
        ];
  return (
    <Group gap={6} aria-hidden="true">
      {items.map(([tone, label]) => (
        <Group key={label} gap={4}>
          <span className="estate-unit" data-tone={tone} style={{ display: 'inline-block', minWidth: 18, height: 14, cursor: 'default' }} />
          <Text size="xs">{label}</Text>
        </Group>
      ))}
      <Group gap={4}>
        <span className="estate-unit" data-vacant="true" style={{ display: 'inline-block', minWidth: 18, height: 14, cursor: 'default' }} />
        <Text size="xs">{t('estate.vacant')}</Text>
      </Group>
    </Group>
  );
}
