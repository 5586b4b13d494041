/** The kinds of premises a building holds. */
export const unitTypes = ['apartment', 'office', 'retail', 'parking', 'storage'] as const;
export type UnitType = (typeof unitTypes)[number];
export const isUnitType = (value: string): value is UnitType => (unitTypes as readonly string[]).includes(value);

/** A site [объект] the company manages; `slug` names its directory group `/sites/<slug>`. */
export interface Site {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly address: string;
  readonly version: number;
}

export interface Building {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly address: string;
  readonly version: number;
}

/** An entrance [подъезд] of a building; `number` is its label ("1", "2А"). */
export interface Entrance {
  readonly id: string;
  readonly buildingId: string;
  readonly number: string;
  readonly version: number;
}

/** A unit [помещение]: an apartment, office, shop, parking space or storage room on a floor of an entrance. */
export interface Unit {
  readonly id: string;
  readonly buildingId: string;
  readonly entranceId: string;
  readonly number: string;
  readonly type: UnitType;
  readonly floor: number;
  /** Square metres; absent when the source does not say. */
  readonly area?: number;
  readonly rooms?: number;
  readonly version: number;
}

/** What a unit is made of, as an import row or an API body brings it (validated by `validateUnitFields`). */
export interface UnitFields {
  readonly number: string;
  readonly type: UnitType;
  readonly floor: number;
  readonly area?: number;
  readonly rooms?: number;
}

/** Whether a stored unit differs from what an import brings (an import of the same data changes nothing). */
export const unitChanged = (stored: UnitFields, incoming: UnitFields): boolean =>
  stored.type !== incoming.type ||
  stored.floor !== incoming.floor ||
  (stored.area ?? null) !== (incoming.area ?? null) ||
  (stored.rooms ?? null) !== (incoming.rooms ?? null);
