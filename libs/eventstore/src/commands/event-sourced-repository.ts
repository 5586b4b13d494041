import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import type { Decider } from '@switchboard/kernel';
import type { CommandEnvelope, CommandResult } from './command-envelope';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { eventIdFor } from './event-ids';
import { IdempotencyKeyReusedError } from './idempotency-key-reused.error';

export const EVENT_SCHEMA_VERSION = 1;
const SYSTEM_RETRIES = 5;

interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

export interface Loaded<State> {
  readonly state: State;
  /** -1 when the stream does not exist. */
  readonly revision: bigint;
  readonly lastPosition: string | null;
  /** The revision of the last event that is not bookkeeping (-1 when none): what a reader's If-Match must not be behind. */
  readonly lastSignificantRevision: bigint;
  /** The result of the command id it was loaded for, when that command was applied before. */
  readonly previous?: CommandResult;
  /** The fingerprint that command was stored with, if any. */
  readonly previousFingerprint?: string;
}

/**
 * The result of a command already applied, or a refusal when its id came back with another
 * fingerprint (commands stored without one cannot be compared and are taken as the same).
 */
export function previousResult(loaded: Loaded<unknown>, streamId: string, envelope: CommandEnvelope): CommandResult | undefined {
  if (!loaded.previous) return undefined;
  if (envelope.fingerprint !== undefined && loaded.previousFingerprint !== undefined && envelope.fingerprint !== loaded.previousFingerprint) {
    throw new IdempotencyKeyReusedError(envelope.commandId, streamId);
  }
  return loaded.previous;
}

/**
 * Load, decide, append with the exact expected revision: the one way a command changes an
 * event-sourced entity. Idempotent on the command id; bounded retries for system commands only.
 */
export class EventSourcedRepository<Command extends { by: string }, Event extends DomainEvent, State> {
  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
  ) {}

  async load(streamId: string, commandId?: string): Promise<Loaded<State>> {
    let state = this.decider.initialState;
    let revision = -1n;
    let lastPosition: string | null = null;
    let lastSignificantRevision = -1n;
    const bookkeeping = new Set(this.decider.bookkeeping ?? []);
    let previous: CommandResult | undefined;
    let previousFingerprint: string | undefined;
    try {
      for await (const recorded of this.store.readStream(streamId)) {
        state = this.decider.evolve(state, toDomainEvent<Event>(recorded));
        revision = recorded.revision;
        lastPosition = recorded.position;
        if (!bookkeeping.has(recorded.type)) lastSignificantRevision = recorded.revision;
        if (commandId && recorded.metadata.commandId === commandId) {
          previous = { streamId, revision: recorded.revision, position: recorded.position, appended: false };
          if (typeof recorded.metadata.commandHash === 'string') previousFingerprint = recorded.metadata.commandHash;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { state, revision, lastPosition, lastSignificantRevision, previous, previousFingerprint };
  }

  /**
   * `preloaded`: the stream as the caller already read it for this command id (to check access),
   * so one command reads its stream once; a retry after a conflict reads it again.
   */
  async handle(streamId: string, command: Command, envelope: CommandEnvelope, preloaded?: Loaded<State>): Promise<CommandResult> {
    let reloaded: Loaded<State> | undefined = preloaded;
    for (let attempt = 1; ; attempt++) {
      const loaded = reloaded ?? (await this.load(streamId, envelope.commandId));
      reloaded = undefined;
      const previous = previousResult(loaded, streamId, envelope);
      if (previous) return previous;
      if (envelope.expectedRevision !== undefined && !upToDate(envelope.expectedRevision, loaded)) {
        throw new ConcurrencyConflictError(streamId, envelope.expectedRevision, loaded.revision);
      }
      const events = this.decider.decide(command, loaded.state);
      if (events.length === 0) return { streamId, revision: loaded.revision, position: loaded.lastPosition, appended: false };
      try {
        const result = await this.store.append(
          streamId,
          events.map((event, index) => ({
            id: eventIdFor(streamId, envelope.commandId, index),
            type: event.type,
            data: event.data,
            metadata: {
              schemaVersion: EVENT_SCHEMA_VERSION,
              commandId: envelope.commandId,
              ...(envelope.fingerprint ? { commandHash: envelope.fingerprint } : {}),
              by: command.by,
              ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}),
              ...(envelope.causationId ? { causationId: envelope.causationId } : {}),
            },
          })),
          { expectedRevision: loaded.revision < 0n ? 'no_stream' : loaded.revision },
        );
        return { streamId, revision: result.nextExpectedRevision, position: result.position, appended: true };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = typeof error.actual === 'bigint' ? error.actual : -1n;
        if (attempt >= SYSTEM_RETRIES) throw new ConcurrencyConflictError(streamId, loaded.revision, actual);
        if (envelope.origin === 'user') {
          // A person's command lost the race only to bookkeeping (an SLA clock written meanwhile): decide again.
          const again = await this.load(streamId, envelope.commandId);
          if (again.lastSignificantRevision > loaded.revision) throw new ConcurrencyConflictError(streamId, loaded.revision, actual);
          reloaded = again;
          continue;
        }
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
}

/** Whether a reader who saw `expected` saw everything but bookkeeping since. */
export function upToDate(expected: bigint, loaded: Pick<Loaded<unknown>, 'revision' | 'lastSignificantRevision'>): boolean {
  return expected <= loaded.revision && expected >= loaded.lastSignificantRevision;
}

export function toDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as unknown as Event;
}
