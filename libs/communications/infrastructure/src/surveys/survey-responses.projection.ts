import type { ProcessorDefinition, ProcessorTransaction } from '@switchboard/eventstore/processing';
import type { RecordedEvent } from '@switchboard/eventstore';
import type { SurveyResponseEvent } from '@switchboard/communications/domain';

/** Bump to rebuild the results from the start of the store. */
export const SURVEY_RESPONSES_PROJECTION_VERSION = 1;

/**
 * The survey results read model: `rm_survey_responses` (one row per survey communication: sent,
 * first answered, completed) and `rm_survey_answers` (the latest answer per question), in the
 * processor's transaction with its checkpoint; `last_revision` makes a replayed event a no-op.
 */
export function surveyResponsesProjection(): ProcessorDefinition {
  return {
    name: 'survey-responses',
    version: SURVEY_RESPONSES_PROJECTION_VERSION,
    filter: { streamPrefixes: ['survey-response-'] },
    batch: { maxEvents: 200 },
    handler: {
      kind: 'transactional',
      async handle(tx: ProcessorTransaction, events: readonly RecordedEvent[]) {
        for (const event of events) await apply(tx, event);
      },
    },
  };
}

async function apply(tx: ProcessorTransaction, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as SurveyResponseEvent;
  const revision = recorded.revision.toString();
  switch (event.type) {
    case 'SurveyOpened': {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_survey_responses (communication_id, questionnaire_id, questionnaire_version, client_id, department, language, request_id, service_code, sent_at, last_revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (communication_id) DO NOTHING`,
        [
          d.communicationId,
          d.questionnaireId,
          d.questionnaireVersion,
          d.clientId,
          d.department,
          d.language,
          d.requestId ?? null,
          d.serviceCode ?? null,
          d.at,
          revision,
        ],
      );
      return;
    }
    case 'SurveyAnswerRecorded': {
      const d = event.data;
      const moved = await tx.query(
        `UPDATE rm_survey_responses SET answered_at = coalesce(answered_at, $2), last_revision = $3 WHERE communication_id = $1 AND last_revision < $3`,
        [d.communicationId, d.at, revision],
      );
      if (moved.rowCount === 0) return;
      const a = d.answer;
      await tx.query(
        `INSERT INTO rm_survey_answers (communication_id, question_id, kind, score, option_ids, free_text, channel, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (communication_id, question_id) DO UPDATE SET kind = excluded.kind, score = excluded.score, option_ids = excluded.option_ids,
           free_text = excluded.free_text, channel = excluded.channel, answered_at = excluded.answered_at`,
        [
          d.communicationId,
          d.questionId,
          a.kind,
          a.kind === 'rating' || a.kind === 'nps' ? a.value : null,
          a.kind === 'single' ? [a.optionId] : a.kind === 'multiple' ? a.optionIds : null,
          a.kind === 'text' ? a.text : null,
          d.channel,
          d.at,
        ],
      );
      return;
    }
    case 'SurveyCompleted': {
      const d = event.data;
      await tx.query(
        `UPDATE rm_survey_responses SET completed_at = $2, completed_channel = $3, last_revision = $4 WHERE communication_id = $1 AND last_revision < $4`,
        [d.communicationId, d.at, d.channel, revision],
      );
      return;
    }
  }
}
