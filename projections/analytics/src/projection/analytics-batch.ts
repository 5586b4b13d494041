import type { ContactRow, IncidentFact, PassVisitRow, RequestFact, StatusChangeRow, SurveyAnswerRow, SurveySentRow, WorkGroupLoadRow } from './analytics-rows';

/**
 * Rows waiting to go to ClickHouse together, and the event store position they pay for. A fact
 * is kept once per entity (its latest version), so a busy request costs one row per batch.
 */
export class AnalyticsBatch {
  readonly requestFacts = new Map<string, RequestFact>();
  readonly incidentFacts = new Map<string, IncidentFact>();
  readonly statusChanges: StatusChangeRow[] = [];
  readonly contacts: ContactRow[] = [];
  readonly workGroupLoad: WorkGroupLoadRow[] = [];
  readonly surveySent: SurveySentRow[] = [];
  readonly surveyAnswers: SurveyAnswerRow[] = [];
  readonly passVisits: PassVisitRow[] = [];
  /** Operators named in the batch's events (`by`, assignees), for the operators table. */
  readonly userIds = new Set<string>();
  events = 0;
  /** Position of the batch's last event: the checkpoint once the rows are in. */
  lastPosition: string | undefined;
  /** Store time of the batch's first and last events, for the lag in seconds. */
  firstEventCreatedAt: Date | undefined;
  lastEventCreatedAt: Date | undefined;
  /** When the first event arrived (performance.now()), for the flush-after-T rule. */
  openedAt: number | undefined;

  get rows(): number {
    return (
      this.requestFacts.size +
      this.incidentFacts.size +
      this.statusChanges.length +
      this.contacts.length +
      this.workGroupLoad.length +
      this.surveySent.length +
      this.surveyAnswers.length +
      this.passVisits.length
    );
  }

  get isEmpty(): boolean {
    return this.events === 0;
  }
}
