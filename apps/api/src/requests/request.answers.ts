import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { requestOperatorActionNames } from '@switchboard/service-desk/domain';
import type { RequestOperatorAction } from '@switchboard/service-desk/domain';
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
    delivery: z
      .object({
        state: z.enum(['pending', 'scheduled', 'sent', 'delivered', 'failed']),
        reason: z
          .string()
          .nullable()
          .describe('failed: the channel’s answer; scheduled: why it waits — quiet-hours, client-unavailable, rate-limit or requested.'),
        at: timestamp.nullable().describe('When it reached this state; scheduled: when it goes.'),
      })
      .nullable(),
  }),
);

export const requestDetailAnswer = answerSchema(
  'RequestDetail',
  requestListItemAnswer.extend({
    conversation: z.array(conversationEntryAnswer),
    statusHistory: z.array(statusChangeAnswer).describe('State changes only, oldest first.'),
    history: z.array(historyEntryAnswer).describe('Every change: states, (re)assignments, department moves, reasons; oldest first.'),
    incidents: z.array(incidentListItemAnswer),
    allowedActions: z
      .array(z.enum(requestOperatorActionNames))
      .describe('The commands the API accepts from the caller now (its role on this request and the state machine): the route names under /requests/{id}/.'),
  }),
);

/** A request as its detail route answers: the read model's, with what the caller may do now. */
export type RequestDetailAnswer = RequestDetail & { readonly allowedActions: RequestOperatorAction[] };

export const requestPageAnswer = answerSchema('RequestPage', cursorPage(requestListItemAnswer));

export const escalationAcceptedAnswer = answerSchema(
  'EscalationAccepted',
  acceptedAnswer.extend({ incidentId: z.string().describe('The incident the escalation opens.') }),
);

sameShape<z.output<typeof requestDetailAnswer>, RequestDetailAnswer>(true);
sameShape<z.output<typeof requestPageAnswer>, CursorPage<RequestListItem>>(true);
