import { z } from 'zod';
import { channels, priorities, requestStatuses } from '@switchboard/service-desk/domain';
import { booleanParam, isoDate, listOf, minPosition, positiveInt, sortParam } from '../http/inputs';

/** What narrows the request list; a saved filter of requests holds exactly these. */
export const requestListFilters = z.object({
  state: listOf(requestStatuses).optional().describe('One state or several (comma-separated or repeated).'),
  assignee: z.string().min(1).max(100).optional().describe('`me`, `none` (unassigned) or a user id.'),
  priority: listOf(priorities).optional().describe('One priority or several (P1 most urgent).'),
  channel: listOf(channels).optional(),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  q: z.string().trim().max(200).optional().describe('Words that must all appear in the subject, the last message or the client’s name.'),
  from: isoDate.optional().describe('Created at or after.'),
  to: isoDate.optional().describe('Created before.'),
  breached: booleanParam.optional().describe('true: only those whose SLA was breached (recorded, or a due time passed); false: only the others.'),
  sort: sortParam.optional(),
});

export const requestListParams = requestListFilters.extend({
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page.'),
  limit: positiveInt.max(100, 'must be at most 100').optional(),
  minPosition: minPosition.optional(),
});
