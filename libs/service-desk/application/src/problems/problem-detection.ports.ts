/** When incidents of one service open a problem automatically: `incidents` within `windowMinutes`. */
export interface ProblemThreshold {
  readonly incidents: number;
  readonly windowMinutes: number;
}

export interface ServiceProblemThreshold extends ProblemThreshold {
  readonly serviceCode: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** The thresholds managers set per service (the configured default applies to every other service). */
export interface ProblemThresholdStore {
  list(): Promise<ServiceProblemThreshold[]>;
  get(serviceCode: number): Promise<ServiceProblemThreshold | undefined>;
  set(serviceCode: number, threshold: ProblemThreshold, by: string, now: Date): Promise<ServiceProblemThreshold>;
  /** True when there was one to remove. */
  remove(serviceCode: number): Promise<boolean>;
}

export const PROBLEM_THRESHOLD_STORE = Symbol('ProblemThresholdStore');

/**
 * The detection process manager's own memory: the incidents it has seen and the problems of each
 * service, each at the position of the event that told it. Questions are asked "as of" a position,
 * so a replay of the same events gets the same answers however much the ledger learnt since.
 */
export interface ProblemDetectionLedger {
  /** Idempotent. */
  recordIncident(incident: { incidentId: string; serviceCode: number; openedAt: Date; position: string }): Promise<void>;
  /** Idempotent: the first position recorded for a problem stays. */
  recordProblemOpened(problemId: string, serviceCode: number, position: string): Promise<void>;
  recordProblemClosed(problemId: string, position: string): Promise<void>;
  /**
   * The service's problem open just before `position` (the latest opened, if several): one opened at
   * `position` itself was opened by that event, which a replay must decide the same way again.
   */
  openProblemAt(serviceCode: number, position: string): Promise<string | undefined>;
  /** The service's incidents opened since `from`, up to `position`, after its last problem closed; oldest first. */
  incidentsInWindow(serviceCode: number, from: Date, position: string): Promise<string[]>;
}
