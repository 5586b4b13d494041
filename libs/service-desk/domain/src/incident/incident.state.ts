import type { SlaClock } from '../sla/sla-clock';
import type { Priority } from '../shared/priority';
import type { IncidentStatus } from './incident-status';

export interface Incident {
  readonly exists: true;
  readonly id: string;
  readonly requestId: string;
  readonly status: IncidentStatus;
  readonly serviceCode: number;
  readonly workGroupCode: number;
  readonly assigneeId?: string;
  /** Undefined until set (counts as `defaultPriority`). */
  readonly priority?: Priority;
  readonly narrativeIds: ReadonlySet<string>;
  /** The SLA clock as last set (none without a policy). */
  readonly sla?: SlaClock;
  /** Warnings and breaches recorded: `warning:<target>:<dueAt>`, `breach:<target>`. */
  readonly slaMarks?: ReadonlySet<string>;
}

export type IncidentState = Incident | { readonly exists: false };

export const initialIncidentState: IncidentState = { exists: false };
