import { z } from 'zod';
import { residencyRelations, slaStates, unitTypes } from '@switchboard/estate/domain';
import { answerSchema } from '@switchboard/platform';

const site = { id: z.string(), slug: z.string(), name: z.string(), address: z.string(), version: z.number().int() };
export const siteAnswer = answerSchema('Site', z.object(site));
export const siteListAnswer = answerSchema(
  'SiteList',
  z.object({ items: z.array(answerSchema('SiteSummary', z.object({ ...site, buildings: z.number().int(), units: z.number().int() }))) }),
);

const building = { id: z.string(), siteId: z.string(), name: z.string(), address: z.string(), version: z.number().int() };
export const buildingAnswer = answerSchema('Building', z.object(building));
export const buildingListAnswer = answerSchema(
  'BuildingList',
  z.object({ items: z.array(answerSchema('BuildingSummary', z.object({ ...building, entrances: z.number().int(), units: z.number().int() }))) }),
);

export const entranceAnswer = answerSchema('Entrance', z.object({ id: z.string(), buildingId: z.string(), number: z.string(), version: z.number().int() }));
export const entranceListAnswer = answerSchema('EntranceList', z.object({ items: z.array(entranceAnswer) }));

const unit = {
  id: z.string(),
  buildingId: z.string(),
  entranceId: z.string(),
  number: z.string(),
  type: z.enum(unitTypes),
  floor: z.number().int(),
  area: z.number().optional(),
  rooms: z.number().int().optional(),
  version: z.number().int(),
};
export const unitAnswer = answerSchema('Unit', z.object(unit));
export const unitListAnswer = answerSchema('UnitList', z.object({ items: z.array(unitAnswer) }));

const placedUnit = answerSchema(
  'PlacedUnit',
  z.object({ ...unit, siteId: z.string(), siteSlug: z.string(), siteName: z.string(), buildingName: z.string(), entranceNumber: z.string() }),
);

export const unitPickListAnswer = answerSchema(
  'UnitPickList',
  z.object({ items: z.array(answerSchema('UnitPick', z.object({ ...placedUnit.shape, label: z.string().describe('How a pass names it.') }))) }),
);

const residency = {
  id: z.string(),
  unitId: z.string(),
  clientId: z.string(),
  relation: z.enum(residencyRelations),
  from: z.string(),
  to: z.string().optional(),
};
export const residencyAnswer = answerSchema('Residency', z.object(residency));

const person = answerSchema('ResidentPerson', z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }));
const unitResident = answerSchema('UnitResident', z.object({ ...residency, current: z.boolean(), person: person.optional() }));

const unitRequest = answerSchema(
  'UnitRequest',
  z.object({
    id: z.string(),
    subject: z.string().nullable(),
    state: z.string(),
    priority: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    slaState: z.enum(slaStates),
  }),
);

const unitPass = answerSchema(
  'UnitPass',
  z.object({
    id: z.string(),
    kind: z.enum(['one-time', 'permanent']),
    visitorName: z.string().optional(),
    plate: z.string().optional(),
    validFrom: z.string(),
    validUntil: z.string(),
    visits: z.number().int(),
    insideSince: z.string().optional(),
  }),
);

export const unitCardAnswer = answerSchema(
  'UnitCard',
  z.object({
    unit: placedUnit,
    residents: z.array(unitResident).describe('Every residency of the unit, current ones first.'),
    requests: z
      .object({ open: z.array(unitRequest), past: z.array(unitRequest) })
      .describe('For those who read the estate; empty for the security desk’s roles.'),
    passes: z
      .array(unitPass)
      .optional()
      .describe('Today’s and upcoming visitor passes (not revoked), for the security desk’s roles at the unit’s site (ADR 0029).'),
    allowedActions: z.array(z.enum(['edit', 'residents'])).describe('What the caller may do with the unit (ADR 0018).'),
  }),
);

export const clientUnitsAnswer = answerSchema(
  'ClientUnits',
  z.object({ items: z.array(answerSchema('ClientUnit', z.object({ ...residency, current: z.boolean(), unit: placedUnit }))) }),
);

const gridUnit = answerSchema(
  'GridUnit',
  z.object({
    id: z.string(),
    number: z.string(),
    type: z.enum(unitTypes),
    floor: z.number().int(),
    area: z.number().optional(),
    rooms: z.number().int().optional(),
    occupancy: z.number().int().describe('People whose residency holds today.'),
    openRequests: z.number().int(),
    worstSla: z.enum(slaStates).describe('The worst SLA state among its open requests: none (no open request), ok, warning, breached.'),
  }),
);

export const buildingGridAnswer = answerSchema(
  'BuildingGrid',
  z.object({
    site: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    building: z.object({ id: z.string(), name: z.string(), address: z.string() }),
    entrances: z.array(z.object({ id: z.string(), number: z.string() })).describe('The columns, in order.'),
    floors: z.array(z.number().int()).describe('The rows, top floor first.'),
    cells: z.array(z.object({ entranceId: z.string(), floor: z.number().int(), units: z.array(gridUnit) })),
    allowedActions: z.array(z.enum(['edit'])),
  }),
);
