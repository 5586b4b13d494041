import { DomainRuleError } from '../shared/domain-errors';

/** How a department's requests or a work group's incidents are handed out: not at all, in turn, or to the least busy. */
export const autoAssignmentModes = ['off', 'round-robin', 'least-loaded'] as const;
export type AutoAssignmentMode = (typeof autoAssignmentModes)[number];

/** The automatic strategies (every mode but `off`). */
export type AutoAssignmentStrategy = Exclude<AutoAssignmentMode, 'off'>;

/**
 * How an assignment came about, as its event records it. Events written before this field existed
 * have none: `assignedByOf` reads them as a manager's choice, or a take when their `mode` says so.
 */
export type AssignedBy =
  | { readonly kind: 'manual' }
  | { readonly kind: 'take' }
  | {
      readonly kind: AutoAssignmentStrategy;
      /** The assignee's open items when chosen (before this one). */
      readonly openItems: number;
      /** The per-operator limit in force, if any. */
      readonly limit?: number;
      /** For an incident: the service whose skill the engineer has, when skills were configured. */
      readonly skill?: number;
    };

export type AssignedByKind = AssignedBy['kind'];

/** How an assignment event came about, also for events recorded before `assignedBy` existed. */
export function assignedByOf(data: { readonly assignedBy?: AssignedBy; readonly mode?: 'taken' }): AssignedBy {
  if (data.assignedBy) return data.assignedBy;
  return data.mode === 'taken' ? { kind: 'take' } : { kind: 'manual' };
}

/** The automatic assignment of one department (requests) or work group (incidents). */
export interface AutoAssignmentSettings {
  readonly mode: AutoAssignmentMode;
  /** Open items an operator may hold before automatic assignment passes them by; absent: no limit. */
  readonly maxOpenPerOperator?: number;
  /**
   * Work groups only: the services each engineer handles (user id → service codes). Empty: anyone
   * takes any service. Once any engineer has skills, an incident goes only to engineers with its service.
   */
  readonly skills: Readonly<Record<string, readonly number[]>>;
}

export const autoAssignmentOff: AutoAssignmentSettings = { mode: 'off', skills: {} };

export const MAX_OPEN_LIMIT = 1_000;

/** Settings as a manager may save them: a sane limit, skills only for incidents, positive service codes. */
export function checkAutoAssignmentSettings(settings: AutoAssignmentSettings, scope: 'department' | 'work-group'): AutoAssignmentSettings {
  const limit = settings.maxOpenPerOperator;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_OPEN_LIMIT)) {
    throw new DomainRuleError('auto-assignment-limit-invalid', `The per-operator limit must be a whole number from 1 to ${MAX_OPEN_LIMIT}.`);
  }
  const skilled = Object.entries(settings.skills);
  if (scope === 'department' && skilled.length > 0) {
    throw new DomainRuleError('skills-only-for-work-groups', 'Skills (services an engineer handles) apply to work groups’ incidents only.');
  }
  for (const [, services] of skilled) {
    if (services.some((code) => !Number.isInteger(code) || code <= 0)) {
      throw new DomainRuleError('skill-invalid', 'A skill is a service code (a positive whole number).');
    }
  }
  // Engineers without any service are dropped: an empty list would read as "skills configured, handles nothing".
  const skills = Object.fromEntries(
    skilled.filter(([, services]) => services.length > 0).map(([id, services]) => [id, [...new Set(services)].sort((a, b) => a - b)]),
  );
  return { mode: settings.mode, ...(limit !== undefined ? { maxOpenPerOperator: limit } : {}), skills };
}

/** One operator automatic assignment may consider: a member of the department or work group. */
export interface AssignmentCandidate {
  readonly id: string;
  /** Present (available) now; away operators get nothing. */
  readonly available: boolean;
  /** Their open items of this kind (requests, or incidents). */
  readonly openItems: number;
}

export interface AssignmentChoice {
  readonly strategy: AutoAssignmentStrategy;
  readonly candidates: readonly AssignmentCandidate[];
  readonly maxOpenPerOperator?: number;
  /** Incidents: the service of the incident and the work group's skills. */
  readonly serviceCode?: number;
  readonly skills?: Readonly<Record<string, readonly number[]>>;
  /** The last operator this scope's round robin chose (its durable cursor); absent at the start. */
  readonly cursor?: string;
}

export type AssignmentOutcome =
  | { readonly kind: 'assign'; readonly assigneeId: string; readonly assignedBy: AssignedBy }
  /** Nobody fits: the item stays in the queue, and the reason says why. */
  | { readonly kind: 'queue'; readonly reason: 'nobody-available' | 'everyone-at-limit' | 'nobody-with-skill' };

/** Ids in a fixed order, starting after the cursor and wrapping around: the round robin's turn. */
function inTurn(ids: readonly string[], cursor: string | undefined): string[] {
  const sorted = [...ids].sort();
  if (cursor === undefined) return sorted;
  const next = sorted.findIndex((id) => id > cursor);
  return next < 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}

/**
 * Who gets the next item, pure. Only available operators under their limit (and with the
 * service's skill, when the work group configured skills) are eligible. Round robin gives it to
 * the first eligible operator after the cursor in id order, so every eligible operator gets one
 * before anyone gets a second; least-loaded gives it to the one with the fewest open items, ties
 * broken in the same turn order so that equals share the work.
 */
export function chooseAssignee(choice: AssignmentChoice): AssignmentOutcome {
  const present = choice.candidates.filter((c) => c.available);
  if (present.length === 0) return { kind: 'queue', reason: 'nobody-available' };
  const skills = choice.skills ?? {};
  const skillsConfigured = choice.serviceCode !== undefined && Object.keys(skills).length > 0;
  const skilled = skillsConfigured ? present.filter((c) => skills[c.id]?.includes(choice.serviceCode as number)) : present;
  if (skilled.length === 0) return { kind: 'queue', reason: 'nobody-with-skill' };
  const limit = choice.maxOpenPerOperator;
  const eligible = limit === undefined ? skilled : skilled.filter((c) => c.openItems < limit);
  if (eligible.length === 0) return { kind: 'queue', reason: 'everyone-at-limit' };
  const byId = new Map(eligible.map((c) => [c.id, c]));
  const turn = inTurn([...byId.keys()], choice.cursor).map((id) => byId.get(id) as AssignmentCandidate);
  const chosen = choice.strategy === 'round-robin' ? turn[0] : turn.reduce((best, c) => (c.openItems < best.openItems ? c : best));
  return {
    kind: 'assign',
    assigneeId: chosen.id,
    assignedBy: {
      kind: choice.strategy,
      openItems: chosen.openItems,
      ...(limit !== undefined ? { limit } : {}),
      ...(skillsConfigured ? { skill: choice.serviceCode } : {}),
    },
  };
}
