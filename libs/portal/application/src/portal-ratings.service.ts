import { Inject, Injectable } from '@nestjs/common';
import { Surveys } from '@switchboard/communications';
import { SurveyResponseError } from '@switchboard/communications/domain';
import type { GivenAnswer, SurveyResponse } from '@switchboard/communications/domain';
import { ServiceDeskSnapshots } from '@switchboard/service-desk';
import { PortalNotFoundError } from './portal-errors';
import type { Resident } from './residents-portal.service';

/**
 * Why a request cannot be rated (yet): `not-closed` (rated after closure only), `csat-off` (the
 * department collects no CSAT: ADR 0030 addendum), `pending` (closed a moment ago; the closure's
 * survey is on its way).
 */
export type RatingUnavailable = 'not-closed' | 'csat-off' | 'pending';

/** A request's rating as the portal shows it: the closure's CSAT survey, or why there is none. */
export type PortalRating =
  | { readonly requestId: string; readonly available: true; readonly survey: SurveyResponse }
  | { readonly requestId: string; readonly available: false; readonly reason: RatingUnavailable };

/** The rating refused: not possible for that request now (409), or the answers do not fit the questions (422). */
export class PortalRatingError extends Error {
  constructor(
    readonly rule: RatingUnavailable | 'rating-completed' | 'invalid-answer' | 'unknown-question' | 'incomplete',
    message: string,
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PortalRatingError';
  }

  get conflict(): boolean {
    return this.rule === 'not-closed' || this.rule === 'csat-off' || this.rule === 'pending' || this.rule === 'rating-completed';
  }
}

/**
 * Rating a closed request in the portal (ADR 0030 addendum): the resident answers the CSAT survey
 * the closure opened (ADR 0027) — the same response stream as a Telegram button, an SMS reply or
 * the email's page, so it counts in the survey results and ClickHouse once, whichever way it came.
 */
@Injectable()
export class PortalRatings {
  constructor(
    @Inject(Surveys) private readonly surveys: Surveys,
    @Inject(ServiceDeskSnapshots) private readonly snapshots: ServiceDeskSnapshots,
  ) {}

  async ratingOf(resident: Resident, requestId: string): Promise<PortalRating> {
    if ((await this.snapshots.clientOfRequest(requestId)) !== resident.client.id) throw new PortalNotFoundError('request', requestId);
    const state = await this.snapshots.currentState('request', requestId);
    if (state?.status !== 'CLOSED') return { requestId, available: false, reason: 'not-closed' };
    // Newest first: a request reopened and closed again is rated on its latest closure's survey.
    const [latest] = (await this.surveys.responsesOfRequest(requestId)).filter((r) => r.clientId === resident.client.id);
    if (latest) return { requestId, available: true, survey: latest };
    // No survey: the closure's is on its way when the department has CSAT on with an active questionnaire; otherwise none comes.
    const department = (await this.surveys.requestSubject(requestId))?.department;
    const setting = department ? await this.surveys.setting(department) : undefined;
    const questionnaire = setting?.csatEnabled ? await this.surveys.questionnaire(setting.questionnaireId).catch(() => undefined) : undefined;
    return { requestId, available: false, reason: questionnaire?.status === 'active' ? 'pending' : 'csat-off' };
  }

  /**
   * Answers the request's survey. `commandId` derives from the resident's Idempotency-Key: a retry
   * records nothing; the same answers under a new key record nothing either (the survey's rule);
   * other answers replace the earlier ones until the survey is complete, and are refused after.
   */
  async rate(
    resident: Resident,
    requestId: string,
    answers: readonly GivenAnswer[],
    complete: boolean,
    commandId: string,
  ): Promise<{ appended: boolean; survey: SurveyResponse }> {
    const rating = await this.ratingOf(resident, requestId);
    if (!rating.available) throw new PortalRatingError(rating.reason, unavailableText[rating.reason]);
    try {
      const outcome = await this.surveys.answer(
        rating.survey.communicationId,
        answers,
        'web',
        `client:portal:${resident.principal.userId}`,
        commandId,
        complete,
      );
      return { appended: outcome.appended, survey: outcome.response };
    } catch (error) {
      if (!(error instanceof SurveyResponseError)) throw error;
      if (error.rule === 'completed') throw new PortalRatingError('rating-completed', 'The request was rated already; a rating is final once sent.');
      if (error.rule === 'not-found') throw new PortalNotFoundError('request', requestId);
      throw new PortalRatingError(error.rule, error.message, error.problems);
    }
  }
}

const unavailableText: Record<RatingUnavailable, string> = {
  'not-closed': 'A request is rated once it is closed.',
  'csat-off': 'The service that handled this request does not collect ratings.',
  pending: 'The rating of this request opens in a moment; try again shortly.',
};
