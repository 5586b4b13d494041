import type { Priority } from '../shared/priority';
import type { AssignmentMode } from '../request/request.events';
import type { IncidentTransition } from './incident-status';
import type { SlaClock } from '../sla/sla-clock';
import type { SlaTarget } from '../sla/sla-policy';
import type { AssignedBy } from '../assignment/auto-assignment';

interface Fact {
  readonly incidentId: string;
  readonly by: string;
  readonly at: string;
}

export type IncidentEvent =
  | {
      type: 'IncidentOpened';
      data: Fact & { requestId: string; serviceCode: number; workGroupCode: number; /** The request's when escalated. */ priority?: Priority };
    }
  | {
      type: 'IncidentAssigned';
      /** `assignedBy`: set by automatic assignment; absent on a manager's assignment or a take (see `assignedByOf`). */
      data: Fact & { assigneeId: string; transition?: IncidentTransition; mode?: AssignmentMode; assignedBy?: AssignedBy };
    }
  | { type: 'IncidentPrioritySet'; data: Fact & { priority: Priority; previous: Priority } }
  | { type: 'IncidentStarted'; data: Fact & { assigneeId: string; transition: IncidentTransition } }
  | { type: 'IncidentPutOnHold'; data: Fact & { reason: string; transition: IncidentTransition } }
  | { type: 'IncidentResumed'; data: Fact & { transition: IncidentTransition } }
  | { type: 'NarrativeAdded'; data: Fact & { narrativeId: string; text: string } }
  | {
      type: 'IncidentResolved';
      data: Fact & { resolution: string; transition: IncidentTransition; /** Resolved with the problem it is linked to. */ problemId?: string };
    }
  | { type: 'IncidentReopened'; data: Fact & { reason: string; transition: IncidentTransition } }
  | { type: 'IncidentClosed'; data: Fact & { requestId: string; workGroupCode: number; transition: IncidentTransition } }
  | { type: 'IncidentCancelled'; data: Fact & { requestId: string; workGroupCode: number; reason: string; transition: IncidentTransition } }
  | { type: 'IncidentSlaClockSet'; data: Fact & { clock: SlaClock } }
  | { type: 'IncidentSlaWarning'; data: Fact & { target: SlaTarget; dueAt: string } }
  | { type: 'IncidentSlaBreached'; data: Fact & { target: SlaTarget; dueAt: string } };

export type IncidentEventType = IncidentEvent['type'];

export const incidentEventTypes: readonly IncidentEventType[] = [
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentPrioritySet',
  'IncidentStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'NarrativeAdded',
  'IncidentResolved',
  'IncidentReopened',
  'IncidentClosed',
  'IncidentCancelled',
  'IncidentSlaClockSet',
  'IncidentSlaWarning',
  'IncidentSlaBreached',
];
