import { z } from 'zod';
import { MAX_FLOOR, MIN_FLOOR, isCalendarDay, isSiteSlug, residencyRelations, unitTypes } from '@switchboard/estate/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

const day = z.string().refine(isCalendarDay, 'must be a day (YYYY-MM-DD)');

export const createSiteBody = bodySchema(
  'CreateSiteBody',
  z.object({
    slug: z.string().trim().refine(isSiteSlug, 'must be a slug: lower-case letters, digits and dashes').describe('Names the directory group /sites/<slug>.'),
    name: text(200),
    address: z.string().trim().max(500).default(''),
  }),
);

export const patchSiteBody = bodySchema('PatchSiteBody', z.object({ name: text(200).optional(), address: z.string().trim().max(500).optional() }));

export const createBuildingBody = bodySchema('CreateBuildingBody', z.object({ name: text(200), address: z.string().trim().max(500).default('') }));
export const patchBuildingBody = bodySchema('PatchBuildingBody', z.object({ name: text(200).optional(), address: z.string().trim().max(500).optional() }));

export const createEntranceBody = bodySchema('CreateEntranceBody', z.object({ number: text(40).describe('The entrance’s label: "1", "2А".') }));

const unitFields = {
  number: text(40),
  type: z.enum(unitTypes),
  floor: z.number().int().min(MIN_FLOOR).max(MAX_FLOOR),
  area: z.number().positive().max(1_000_000).optional().describe('Square metres.'),
  rooms: z.number().int().min(0).max(100).optional(),
};

export const createUnitBody = bodySchema('CreateUnitBody', z.object({ entranceId: z.uuid('must be an entrance id (uuid)'), ...unitFields }));
export const putUnitBody = bodySchema('PutUnitBody', z.object({ entranceId: z.uuid('must be an entrance id (uuid)').optional(), ...unitFields }));

export const residencyBody = bodySchema(
  'ResidencyBody',
  z.object({
    clientId: z.uuid('must be a client id (uuid)'),
    relation: z.enum(residencyRelations),
    from: day.describe('First day (YYYY-MM-DD).'),
    to: day.optional().describe('Last day (YYYY-MM-DD), included; absent while it holds.'),
  }),
);
