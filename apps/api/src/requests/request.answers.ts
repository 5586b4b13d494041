import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import type { CursorPage, RequestDetail, RequestListItem } from '@switchboard/read-models';
import { acceptedAnswer } from '../http/accepted';
import { sameShape } from '../http/same-shape';
import { incidentListItemAnswer, requestListItemAnswer } from '../http/list-item.answers';
import { cursorPage, historyEntryAnswer, statusChangeAnswer, timestamp } from '../http/shared.answers';


export const conversationEntryAnswer = answerSchema(
  'ConversationEntry',
  z.object({
    revision: z.number().int(),
    kind: z.enum(['inbound', 'reply', 'notification']),
    messageId: z.string(),
    channel: z.string(),
    text: z.string(),
    attachments: z.array(z.object({ kind: z.enum(['photo', 'document', 'audio', 'other']), fileId: z.string(), name: z.string().optional() })),
    by: z.string(),
    byName: z.string(),
    at: timestamp,
    delivery: z.object({ state: z.enum(['pending', 'sent', 'delivered', 'failed']), reason: z.string().nullable(), at: timestamp.nullable() }).nullable(),
  }),
);

export const requestDetailAnswer = answerSchema(
  'RequestDetail',
  requestListItemAnswer.extend({
    conversation: z.array(conversationEntryAnswer),
    statusHistory: z.array(statusChangeAnswer).describe('State changes only, oldest first.'),
    history: z.array(historyEntryAnswer).describe('Every change: states, (re)assignments, department moves, reasons; oldest first.'),
    incidents: z.array(incidentListItemAnswer),
  }),
);

export const requestPageAnswer = answerSchema('RequestPage', cursorPage(requestListItemAnswer));

export const escalationAcceptedAnswer = answerSchema('EscalationAccepted', acceptedAnswer.extend({ incidentId: z.string().describe('The incident the escalation opens.') }));

sameShape<z.output<typeof requestDetailAnswer>, RequestDetail>(true);
sameShape<z.output<typeof requestPageAnswer>, CursorPage<RequestListItem>>(true);
