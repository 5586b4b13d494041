import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { COMMUNICATIONS_EVENT_STORE, SURVEY_OPTIONS, SURVEY_STORE, Surveys } from '@switchboard/communications';
import type { SurveyOptions } from '@switchboard/communications';
import { PostgresSurveyStore } from '@switchboard/communications/infrastructure';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { CommunicationsModule } from './communications.module';

/** The page's link secret when none is configured: random, so links are valid only in this process. */
let processSecret: string | undefined;

export function surveyOptions(config: SwitchboardConfig): SurveyOptions {
  let tokenSecret = config.surveys.tokenSecret;
  if (!tokenSecret) {
    if (!processSecret) {
      processSecret = randomBytes(32).toString('base64url');
      new Logger('surveys').warn('SURVEY_TOKEN_SECRET is not set: survey links are signed with a random secret and valid only in this process');
    }
    tokenSecret = processSecret;
  }
  return { publicBaseUrl: config.http.publicUrl.replace(/\/+$/, ''), tokenSecret, tokenTtlMs: config.surveys.linkDays * 86_400_000 };
}

/** Surveys (ADR 0027): questionnaires, department CSAT settings and results in PostgreSQL, and the service. */
@Module({
  imports: [CommunicationsModule],
  providers: [
    { provide: COMMUNICATIONS_EVENT_STORE, useExisting: EVENT_STORE },
    { provide: PostgresSurveyStore, useFactory: (pool: Pool) => new PostgresSurveyStore(pool), inject: [PG_POOL] },
    { provide: SURVEY_STORE, useExisting: PostgresSurveyStore },
    { provide: SURVEY_OPTIONS, useFactory: surveyOptions, inject: [SWITCHBOARD_CONFIG] },
    Surveys,
  ],
  exports: [Surveys, SURVEY_STORE, PostgresSurveyStore, CommunicationsModule],
})
export class SurveysModule {}
