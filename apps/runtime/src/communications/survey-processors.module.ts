import { Module } from '@nestjs/common';
import { Surveys } from '@switchboard/communications';
import { surveyResponsesProjection } from '@switchboard/communications/infrastructure';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { ProcessorDefinition } from '@switchboard/eventstore/processing';
import { ClosureSurveyProcessManager, processManagerProcessor } from '@switchboard/service-desk';
import { EVENT_STORE } from '../database/database.tokens';
import { ProcessorRegistry } from '../processing/processor-registry';
import { SurveysModule } from './surveys.module';

const SURVEY_PROCESSORS = Symbol('SurveyProcessors');

/** After an answer by SMS: the next question, by SMS (the notifier holds the SMS sender, the gateway that took the answer may not). */
export function surveyQuestionsProcessor(surveys: Surveys): ProcessorDefinition {
  return {
    name: 'survey-questions',
    filter: { eventTypes: ['SurveyAnswerRecorded'] },
    batch: { maxEvents: 16, maxWaitMs: 20, lingerMs: 2 },
    failure: { baseMs: 500, maxMs: 30_000, maxAttempts: 20 },
    handler: {
      kind: 'external',
      async handle(events: readonly RecordedEvent[]) {
        for (const event of events) {
          const data = event.data as { communicationId: string; channel: string };
          if (data.channel === 'sms') await surveys.askNextBySms(data.communicationId, event.revision);
        }
      },
    },
  };
}

/**
 * Surveys on the backbone (notifier role): `survey-responses` projects the results read model;
 * `closure-surveys` sends a department's CSAT survey when one of its requests closes;
 * `survey-questions` asks an SMS survey's next question (ADR 0027).
 */
@Module({
  imports: [SurveysModule],
  providers: [
    {
      provide: SURVEY_PROCESSORS,
      useFactory: (store: EventStore, surveys: Surveys, processors: ProcessorRegistry) => {
        processors.register(surveyResponsesProjection());
        processors.register(surveyQuestionsProcessor(surveys));
        processors.register(processManagerProcessor(new ClosureSurveyProcessManager(store, surveys), { parallelByStream: true }));
        return true;
      },
      inject: [EVENT_STORE, Surveys, ProcessorRegistry],
    },
  ],
})
export class SurveyProcessorsModule {}
