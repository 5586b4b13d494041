import { z } from 'zod';
import { channels, requestStatuses } from '@switchboard/service-desk/domain';
import { isoDate, listOf, minPosition, positiveInt, sortParam } from '../http/inputs';

/** What narrows the request list; a saved filter of requests holds exactly these. */
export const requestListFilters = z.object({
  state: listOf(requestStatuses).optional().describe('One state or several (comma-separated or repeated).'),
  assignee: z.string().min(1).max(100).optional().describe('`me`, `none` (unassigned) or a user id.'),
  channel: listOf(channels).optional(),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  q: z.string().trim().max(200).optional().describe('Words that must all appear in the subject, the last message or the client’s name.'),
  from: isoDate.optional().describe('Created at or after.'),
  to: isoDate.optional().describe('Created before.'),
  sort: sortParam.optional(),
});

export const requestListParams = requestListFilters.extend({
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page.'),
  limit: positiveInt.max(100, 'must be at most 100').optional(),
  minPosition: minPosition.optional(),
});
