/** Reference data is active or blocked; a blocked entry is kept (history names it) but nothing new uses it. */
export type ReferenceStatus = 'active' | 'blocked';

/**
 * A kind of communication [Тип коммуникации]. Two flags carry the policy: a marketing type is what
 * a client may opt out of ("STOP"), and a type held in quiet hours waits for the client's morning.
 */
export interface CommunicationType {
  readonly code: string;
  readonly name: string;
  readonly status: ReferenceStatus;
  readonly marketing: boolean;
  readonly heldInQuietHours: boolean;
}

/** The types the product starts with: seed 004's list. A reply to a client is `personal`; a closure or SLA notice is `service`. */
export const defaultCommunicationTypes: readonly CommunicationType[] = [
  { code: 'mass', name: 'Mass communication', status: 'active', marketing: true, heldInQuietHours: true },
  { code: 'personal', name: 'Personal communication', status: 'active', marketing: false, heldInQuietHours: false },
  { code: 'informational', name: 'Informational', status: 'active', marketing: false, heldInQuietHours: true },
  { code: 'survey', name: 'Survey', status: 'active', marketing: false, heldInQuietHours: true },
  { code: 'commercial-survey', name: 'Commercial survey', status: 'active', marketing: true, heldInQuietHours: true },
  { code: 'service', name: 'Service communication', status: 'active', marketing: false, heldInQuietHours: false },
];
