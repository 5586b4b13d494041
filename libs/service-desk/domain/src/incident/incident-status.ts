export const incidentStatuses = ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export interface IncidentTransition {
  readonly from: IncidentStatus;
  readonly to: IncidentStatus;
}
