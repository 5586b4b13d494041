import type {
  ClientAvailability,
  CommunicationChannel,
  CommunicationChannelEntry,
  CommunicationType,
  QuietHours,
  RateLimitRule,
  ReferenceStatus,
} from '@switchboard/communications/domain';

/** Who changed a policy and when: every change is logged with it. */
export interface PolicyChange {
  readonly by: string;
  readonly at: Date;
  readonly reason?: string;
}

export interface Versioned {
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export type StoredCommunicationType = CommunicationType & Versioned;
export type StoredCommunicationChannel = CommunicationChannelEntry & Versioned;

/** A department's preferred channels for one type, in order [Предпочитаемые каналы связи]. */
export interface ChannelPreference extends Versioned {
  readonly department: string;
  readonly communicationType: string;
  readonly channels: readonly CommunicationChannel[];
}

export type RateLimitDraft = Omit<RateLimitRule, 'id'>;
/** A department's rate limit [Правила коммуникации]. */
export type StoredRateLimit = RateLimitRule & Versioned & { readonly department: string };

/** A client's availability as stored: status, blocked periods, opt-outs, quiet hours, language. */
export interface AvailabilityDraft {
  readonly status: ClientAvailability['status'];
  readonly blockedPeriods: readonly { readonly from: Date; readonly to?: Date }[];
  readonly optedOut: readonly string[];
  readonly quietHours?: QuietHours;
  readonly language: 'ru' | 'en';
}
export type StoredAvailability = AvailabilityDraft & {
  readonly clientId: string;
  readonly version: number;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
};

export interface AvailabilityChange {
  readonly seq: number;
  readonly version: number;
  readonly change: string;
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
  readonly value: unknown;
}

/** The stored version is not the one the editor saw (If-Match): 409. */
export class StalePolicyError extends Error {
  constructor(
    readonly what: string,
    readonly actual: number,
  ) {
    super(`The ${what} changed since you read it (now version ${actual})`);
    this.name = 'StalePolicyError';
  }
}

export class PolicyNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`No ${what}`);
    this.name = 'PolicyNotFoundError';
  }
}

export class PolicyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyConflictError';
  }
}

/** Reference data and policies of the communications, state-stored and versioned (ADR 0023). */
export interface CommunicationPolicies {
  types(): Promise<StoredCommunicationType[]>;
  createType(type: CommunicationType, change: PolicyChange): Promise<StoredCommunicationType>;
  updateType(code: string, type: Omit<CommunicationType, 'code'>, expected: number | undefined, change: PolicyChange): Promise<StoredCommunicationType>;

  channels(): Promise<StoredCommunicationChannel[]>;
  updateChannel(
    code: CommunicationChannel,
    channel: { name: string; status: ReferenceStatus },
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<StoredCommunicationChannel>;

  preferences(department?: string): Promise<ChannelPreference[]>;
  setPreference(
    department: string,
    communicationType: string,
    channels: readonly CommunicationChannel[],
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<ChannelPreference>;
  removePreference(department: string, communicationType: string, expected: number | undefined, change: PolicyChange): Promise<void>;

  rateLimits(department?: string): Promise<StoredRateLimit[]>;
  rateLimit(id: string): Promise<StoredRateLimit | undefined>;
  createRateLimit(id: string, department: string, rule: RateLimitDraft, change: PolicyChange): Promise<StoredRateLimit>;
  updateRateLimit(id: string, rule: RateLimitDraft, expected: number | undefined, change: PolicyChange): Promise<StoredRateLimit>;
  removeRateLimit(id: string, expected: number | undefined, change: PolicyChange): Promise<void>;

  availability(clientId: string): Promise<StoredAvailability>;
  setAvailability(clientId: string, draft: AvailabilityDraft, expected: number | undefined, change: PolicyChange): Promise<StoredAvailability>;
  /** Adds opt-outs (idempotent: an opt-out already there changes nothing and logs nothing). */
  optOut(clientId: string, types: readonly string[], change: PolicyChange): Promise<StoredAvailability>;
  availabilityHistory(clientId: string): Promise<AvailabilityChange[]>;
}

export const COMMUNICATION_POLICIES = Symbol('CommunicationPolicies');
