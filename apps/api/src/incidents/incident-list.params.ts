import { z } from 'zod';
import { incidentStatuses, priorities } from '@switchboard/service-desk/domain';
import { booleanParam, listOf, minPosition, positiveInt, sortParam } from '../http/inputs';

/** What narrows the incident list; a saved filter of incidents holds exactly these. */
export const incidentListFilters = z.object({
  state: listOf(incidentStatuses).optional().describe('One state or several (comma-separated or repeated).'),
  priority: listOf(priorities).optional().describe('One priority or several (P1 most urgent).'),
  assignee: z.string().min(1).max(100).optional().describe('`me`, `none` (unassigned) or a user id.'),
  workGroup: positiveInt.optional().describe('Work-group code.'),
  service: positiveInt.optional().describe('Service code.'),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  q: z.string().trim().max(200).optional().describe('Words that must all appear in the incident or its request.'),
  breached: booleanParam.optional().describe('true: only those whose SLA was breached (recorded, or a due time passed); false: only the others.'),
  sort: sortParam.optional(),
});

export const incidentListParams = incidentListFilters.extend({
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page.'),
  limit: positiveInt.max(100, 'must be at most 100').optional(),
  minPosition: minPosition.optional(),
});
