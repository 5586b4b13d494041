import type { IncidentTransition } from './incident-status';

interface Fact {
  readonly incidentId: string;
  readonly by: string;
  readonly at: string;
}

export type IncidentEvent =
  | { type: 'IncidentOpened'; data: Fact & { requestId: string; serviceCode: number; workGroupCode: number } }
  | { type: 'IncidentAssigned'; data: Fact & { assigneeId: string; transition?: IncidentTransition } }
  | { type: 'IncidentStarted'; data: Fact & { assigneeId: string; transition: IncidentTransition } }
  | { type: 'IncidentPutOnHold'; data: Fact & { reason: string; transition: IncidentTransition } }
  | { type: 'IncidentResumed'; data: Fact & { transition: IncidentTransition } }
  | { type: 'NarrativeAdded'; data: Fact & { narrativeId: string; text: string } }
  | { type: 'IncidentResolved'; data: Fact & { resolution: string; transition: IncidentTransition } }
  | { type: 'IncidentClosed'; data: Fact & { requestId: string; workGroupCode: number; transition: IncidentTransition } }
  | { type: 'IncidentCancelled'; data: Fact & { requestId: string; workGroupCode: number; reason: string; transition: IncidentTransition } };

export type IncidentEventType = IncidentEvent['type'];

export const incidentEventTypes: readonly IncidentEventType[] = [
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'NarrativeAdded',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentCancelled',
];
