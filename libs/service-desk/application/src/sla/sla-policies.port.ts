import type { SlaPolicy } from '@switchboard/service-desk/domain';

/** A policy as kept: its version moves on every edit (the If-Match of the next one). */
export interface StoredSlaPolicy extends SlaPolicy {
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export type SlaPolicyDraft = Omit<SlaPolicy, 'id'>;

export interface SlaPolicyChange {
  readonly by: string;
  readonly at: Date;
}

/**
 * SLA policies and their change log (PostgreSQL, ADR 0021): at most one per department and one per
 * service. Each write runs `check` on the current policy inside its transaction.
 */
export interface SlaPolicyStore {
  list(): Promise<StoredSlaPolicy[]>;
  /** The policy of a department's requests, or of a service's incidents. */
  forScope(scope: SlaPolicy['scope']): Promise<StoredSlaPolicy | undefined>;
  create(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange): Promise<StoredSlaPolicy>;
  update(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<StoredSlaPolicy>;
  remove(id: string, change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<void>;
}

export const SLA_POLICY_STORE = Symbol('SlaPolicyStore');

export class SlaPolicyNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No SLA policy ${id}.`);
    this.name = 'SlaPolicyNotFoundError';
  }
}

/** The policy changed since the editor read it. */
export class StaleSlaPolicyError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The SLA policy is at version ${actual}, not ${expected}: it changed since you read it`);
    this.name = 'StaleSlaPolicyError';
  }
}

/** Another policy already covers this department or service. */
export class SlaScopeTakenError extends Error {
  constructor(readonly scope: SlaPolicy['scope']) {
    super(`Another SLA policy already covers ${scope.kind === 'department' ? `department ${scope.department}` : `service ${scope.serviceCode}`}.`);
    this.name = 'SlaScopeTakenError';
  }
}

/** The caller may not keep the policy of this department or service. */
export class SlaPolicyForbiddenError extends Error {
  constructor(
    readonly rule: 'sla-needs-manager' | 'sla-department-not-yours' | 'sla-service-not-yours',
    message: string,
  ) {
    super(message);
    this.name = 'SlaPolicyForbiddenError';
  }
}
