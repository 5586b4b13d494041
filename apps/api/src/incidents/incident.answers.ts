import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { incidentOperatorActionNames } from '@switchboard/service-desk/domain';
import type { IncidentOperatorAction } from '@switchboard/service-desk/domain';
import type { CursorPage, IncidentDetail, IncidentListItem } from '@switchboard/read-models';
import { sameShape } from '../http/same-shape';
import { incidentListItemAnswer, requestListItemAnswer } from '../http/list-item.answers';
import { cursorPage, historyEntryAnswer, statusChangeAnswer, timestamp } from '../http/shared.answers';

export const narrativeEntryAnswer = answerSchema(
  'NarrativeEntry',
  z.object({ revision: z.number().int(), narrativeId: z.string(), text: z.string(), by: z.string(), byName: z.string(), at: timestamp }),
);

export const incidentDetailAnswer = answerSchema(
  'IncidentDetail',
  incidentListItemAnswer.extend({
    narrative: z.array(narrativeEntryAnswer),
    statusHistory: z.array(statusChangeAnswer).describe('State changes only, oldest first.'),
    history: z.array(historyEntryAnswer).describe('Every change: states, reassignments, hold reasons; oldest first.'),
    request: requestListItemAnswer.nullable().describe('The incident’s request, when the caller may see it.'),
    allowedActions: z
      .array(z.enum(incidentOperatorActionNames))
      .describe('The commands the API accepts from the caller now (its role on this incident and the state machine): the route names under /incidents/{id}/.'),
  }),
);

/** An incident as its detail route answers: the read model's, with what the caller may do now. */
export type IncidentDetailAnswer = IncidentDetail & { readonly allowedActions: IncidentOperatorAction[] };

export const incidentPageAnswer = answerSchema('IncidentPage', cursorPage(incidentListItemAnswer));

sameShape<z.output<typeof incidentDetailAnswer>, IncidentDetailAnswer>(true);
sameShape<z.output<typeof incidentPageAnswer>, CursorPage<IncidentListItem>>(true);
