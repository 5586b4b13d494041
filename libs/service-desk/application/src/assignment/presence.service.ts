import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@switchboard/eventstore';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { EVENT_STORE } from '../commands/service-desk.commands';
import { OPERATOR_BECAME_AVAILABLE, PRESENCE_STORE, presenceStreamId } from './auto-assignment.ports';
import type { OperatorBecameAvailable, OperatorPresence, PresenceStatus, PresenceStore } from './auto-assignment.ports';

export class PresenceForbiddenError extends Error {
  constructor() {
    super('Presence is for help-desk operators and L3 engineers (and their managers).');
    this.name = 'PresenceForbiddenError';
  }
}

/**
 * An operator's presence: available or away, set in the console; an available operator whose
 * console reports no activity for `idleMinutes` counts as away at once and is set away (logged as
 * `idle`) by the next sweep. Nobody is available before they say so.
 */
@Injectable()
export class PresenceService {
  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async get(principal: Principal, idleMinutes: number, now = new Date()): Promise<OperatorPresence> {
    checkRole(principal);
    const stored = await this.store.get(principal.userId);
    if (!stored) return { userId: principal.userId, status: 'away', since: now.toISOString(), lastSeenAt: now.toISOString() };
    return effective(stored, idleMinutes, now);
  }

  /**
   * Becoming available is also an event, so the assignment process manager (on the backbone, the
   * one writer of its cursor and counts) hands out what waits in the operator's queues. Were the
   * append lost after the row was written, only that hand-out is missed: the queue still has it.
   */
  async set(principal: Principal, status: PresenceStatus, now = new Date()): Promise<OperatorPresence> {
    checkRole(principal);
    const presence = await this.store.set(principal.userId, status, principal.userId, now);
    // Every "available" (also after an idle spell the sweep has not written yet) lets the queue move.
    if (status === 'available') {
      const data: OperatorBecameAvailable = { userId: principal.userId, by: principal.userId, at: now.toISOString() };
      await this.events.append(presenceStreamId(principal.userId), [
        { id: randomUUID(), type: OPERATOR_BECAME_AVAILABLE, data, metadata: { by: principal.userId } },
      ]);
    }
    return presence;
  }

  async heartbeat(principal: Principal, now = new Date()): Promise<void> {
    checkRole(principal);
    await this.store.heartbeat(principal.userId, now);
  }

  /** Managers' view: the effective presence of these people (absent: never set, so away). */
  async of(userIds: readonly string[], idleMinutes: number, now = new Date()): Promise<Map<string, PresenceStatus>> {
    const stored = await this.store.of(userIds);
    return new Map(userIds.map((id) => [id, stored.has(id) ? effective(stored.get(id) as OperatorPresence, idleMinutes, now).status : 'away']));
  }

  /** Sets away whoever is available but idle; safe to run in several processes at once. */
  expireIdle(idleMinutes: number, now = new Date()): Promise<string[]> {
    if (idleMinutes <= 0) return Promise.resolve([]);
    return this.store.expireIdle(new Date(now.getTime() - idleMinutes * 60_000), now);
  }
}

/** Available but idle past the timeout reads as away (since the moment it went idle) before the sweep writes it. */
export function effective(presence: OperatorPresence, idleMinutes: number, now: Date): OperatorPresence {
  if (presence.status !== 'available' || idleMinutes <= 0) return presence;
  const idleAt = Date.parse(presence.lastSeenAt) + idleMinutes * 60_000;
  return idleAt <= now.getTime() ? { ...presence, status: 'away', since: new Date(idleAt).toISOString() } : presence;
}

function checkRole(principal: Principal): void {
  if (!holds(principal, 'presence.set')) throw new PresenceForbiddenError();
}
