export const requestStatuses = ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export interface RequestTransition {
  readonly from: RequestStatus;
  readonly to: RequestStatus;
}
