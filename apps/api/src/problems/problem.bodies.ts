import { z } from 'zod';
import { bodySchema } from '@switchboard/platform';
import { PROBLEM_LINK_MAX } from '@switchboard/service-desk/domain';
import { entityId, text } from '../http/inputs';

export const openProblemBody = bodySchema(
  'OpenProblemBody',
  z
    .object({
      serviceCode: z.number().int().positive().describe('The catalogue service the outage hits.'),
      title: text(200).describe('What is down, in a line.'),
    })
    .strict(),
);

const ids = z.array(entityId).min(1, 'name at least one').max(PROBLEM_LINK_MAX, `at most ${PROBLEM_LINK_MAX} at a time`);

export const linkIncidentsBody = bodySchema('LinkProblemIncidentsBody', z.object({ ids: ids.describe('Incident ids.') }).strict());
export const linkRequestsBody = bodySchema(
  'LinkProblemRequestsBody',
  z.object({ ids: ids.describe('Ids of open requests (e.g. rows selected in a queue).') }).strict(),
);
export const resolveProblemBody = bodySchema('ResolveProblemBody', z.object({ resolution: text(2000).describe('The cause and the fix.') }).strict());
export const closeProblemBody = bodySchema(
  'CloseProblemBody',
  z.object({ resolution: text(2000).optional().describe('Needed unless the problem was resolved (then its resolution stands).') }).strict(),
);
export const problemThresholdBody = bodySchema(
  'ProblemThresholdBody',
  z
    .object({
      incidents: z.number().int().min(1).max(10_000).describe('Incidents of the service that open a problem…'),
      windowMinutes: z.number().int().min(1).max(1440).describe('…when they open within this many minutes.'),
    })
    .strict(),
);
