import type { IncidentStatus } from './incident-status';

export interface Incident {
  readonly exists: true;
  readonly id: string;
  readonly requestId: string;
  readonly status: IncidentStatus;
  readonly serviceCode: number;
  readonly workGroupCode: number;
  readonly assigneeId?: string;
  readonly narrativeIds: ReadonlySet<string>;
}

export type IncidentState = Incident | { readonly exists: false };

export const initialIncidentState: IncidentState = { exists: false };
