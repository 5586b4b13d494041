import type { UnitType } from './estate';

/** The worst SLA state among a unit's open requests, ordered from best to worst. */
export const slaStates = ['none', 'ok', 'warning', 'breached'] as const;
export type SlaState = (typeof slaStates)[number];
export const worseSla = (a: SlaState, b: SlaState): SlaState => (slaStates.indexOf(a) >= slaStates.indexOf(b) ? a : b);

export interface GridUnit {
  readonly id: string;
  readonly number: string;
  readonly type: UnitType;
  readonly floor: number;
  readonly area?: number;
  readonly rooms?: number;
  /** People whose residency holds today. */
  readonly occupancy: number;
  readonly openRequests: number;
  readonly worstSla: SlaState;
}

export interface GridCell {
  readonly entranceId: string;
  readonly floor: number;
  readonly units: readonly GridUnit[];
}

/** A building's grid [шахматка]: entrances as columns, floors as rows (top floor first), units in cells. */
export interface BuildingGrid {
  readonly entrances: readonly { readonly id: string; readonly number: string }[];
  readonly floors: readonly number[];
  readonly cells: readonly GridCell[];
}

/** Lays units out by entrance and floor; floors run from the top down, as a building is drawn. */
export function layOutGrid(entrances: readonly { id: string; number: string }[], units: readonly (GridUnit & { entranceId: string })[]): BuildingGrid {
  const floors = [...new Set(units.map((u) => u.floor))].sort((a, b) => b - a);
  const byCell = new Map<string, GridUnit[]>();
  for (const { entranceId, ...unit } of units) {
    const key = `${entranceId}|${unit.floor}`;
    const cell = byCell.get(key);
    if (cell) cell.push(unit);
    else byCell.set(key, [unit]);
  }
  const cells: GridCell[] = [];
  for (const entrance of entrances) {
    for (const floor of floors) {
      const cellUnits = byCell.get(`${entrance.id}|${floor}`);
      if (cellUnits) cells.push({ entranceId: entrance.id, floor, units: cellUnits.sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true })) });
    }
  }
  return { entrances: entrances.map(({ id, number }) => ({ id, number })), floors, cells };
}
