/**
 * The event store port. Adapters (PostgreSQL, EventStoreDB) implement it with EventStoreDB's
 * semantics; the contract suite in ./testing holds every adapter to them.
 */

/** `bigint` is the revision of the stream's last event (0-based); `no_stream` is -1. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A stream's revision as it actually is: `no_stream` when it has no events. */
export type CurrentRevision = 'no_stream' | bigint;

export interface NewEvent {
  /** A uuid; appends are idempotent on it. */
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  type: string;
  streamId: string;
  /** 0-based within the stream. */
  revision: bigint;
  /** Opaque global checkpoint; only the store that produced it can compare or resume from it. */
  position: string;
  data: unknown;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  nextExpectedRevision: bigint;
  /** Position of the last event of the append. */
  position: string;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
  direction?: ReadDirection;
}

/** Empty or absent lists do not filter. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive. */
  from?: string;
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive; absent means the start of the store. */
  from?: string;
  filter?: EventFilter;
}

export type Subscription = AsyncIterable<RecordedEvent> & { stop(): Promise<void> };

export interface EventStore {
  /** Atomic: all events or none. Defaults to `expectedRevision: 'any'`. */
  append(streamId: string, events: NewEvent[], opts?: AppendOptions): Promise<AppendResult>;
  /** A missing stream throws StreamNotFoundError on iteration. */
  readStream(streamId: string, opts?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catches up from `from`, then goes live. */
  subscribeToAll(opts: SubscribeToAllOptions): Subscription;
  close(): Promise<void>;
}
