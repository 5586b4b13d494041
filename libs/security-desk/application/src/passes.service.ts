import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyConflictError, deterministicUuid, EventSourcedRepository } from '@switchboard/eventstore';
import type { CommandEnvelope, EventStore } from '@switchboard/eventstore';
import { passDecider, passStreamId } from '@switchboard/security-desk/domain';
import type { Pass, PassCommand, PassDraft, PassEvent, PassState } from '@switchboard/security-desk/domain';
import { SECURITY_DESK_EVENT_STORE } from './security-desk.tokens';

export class PassNotFoundError extends Error {
  constructor(readonly passId: string) {
    super(`No pass ${passId}.`);
    this.name = 'PassNotFoundError';
  }
}

const RACE_RETRIES = 5;

export type PassWithRevision = Pass & { readonly revision: number };

/**
 * Visitor passes [пропуска] (ADR 0029): ordered for a unit, revoked, and used at the guard's desk.
 * Every command carries its id (the `Idempotency-Key`); a check-in sent again after a lost answer
 * or from the offline queue finds the one it recorded and records nothing twice.
 */
@Injectable()
export class Passes {
  private readonly repository: EventSourcedRepository<PassCommand, PassEvent, PassState>;

  constructor(@Inject(SECURITY_DESK_EVENT_STORE) store: EventStore) {
    this.repository = new EventSourcedRepository(store, passDecider);
  }

  /** A new pass; its id derives from the command id, so a resubmission finds the same pass. */
  async create(draft: PassDraft, by: string, envelope: CommandEnvelope, now = new Date()): Promise<PassWithRevision> {
    const passId = deterministicUuid(`pass:${envelope.commandId}`);
    await this.repository.handle(passStreamId(passId), { type: 'CreatePass', passId, draft, by, now }, { ...envelope, expectedRevision: undefined });
    return this.existing(passId);
  }

  async find(passId: string): Promise<PassWithRevision | undefined> {
    const loaded = await this.repository.load(passStreamId(passId));
    return loaded.state.exists ? { ...loaded.state, revision: Number(loaded.revision) } : undefined;
  }

  revoke(passId: string, by: string, envelope: CommandEnvelope, reason?: string, now = new Date()): Promise<PassWithRevision> {
    return this.apply(passId, { type: 'RevokePass', by, now, ...(reason ? { reason } : {}) }, envelope);
  }

  /** `at`: when the guard let the visitor in (a check-in made offline is sent later with its own time). */
  checkIn(passId: string, guard: string, envelope: CommandEnvelope, at?: Date, now = new Date()): Promise<PassWithRevision> {
    return this.apply(passId, { type: 'CheckVisitorIn', by: guard, at: at ?? now, now }, envelope);
  }

  checkOut(passId: string, guard: string, envelope: CommandEnvelope, at?: Date, now = new Date()): Promise<PassWithRevision> {
    return this.apply(passId, { type: 'CheckVisitorOut', by: guard, at: at ?? now, now }, envelope);
  }

  private async existing(passId: string): Promise<PassWithRevision> {
    const pass = await this.find(passId);
    if (!pass) throw new PassNotFoundError(passId);
    return pass;
  }

  /**
   * Two tablets tapping the same visitor, or a queued check-in racing its own retry, meet on the
   * stream: the one that lost reads it again and decides on what the winner recorded (inside
   * already: nothing new; its own command id found: that result). No one named a revision, so
   * deciding again is what the guard meant.
   */
  private async apply(passId: string, command: PassCommand, envelope: CommandEnvelope): Promise<PassWithRevision> {
    const streamId = passStreamId(passId);
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.repository.load(streamId, envelope.commandId);
      if (!loaded.state.exists) throw new PassNotFoundError(passId);
      try {
        await this.repository.handle(streamId, command, envelope, loaded);
        return this.existing(passId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || envelope.expectedRevision !== undefined || attempt >= RACE_RETRIES) throw error;
      }
    }
  }
}
