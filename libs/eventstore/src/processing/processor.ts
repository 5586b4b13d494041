import type { PoolClient } from 'pg';
import type { EventFilter, RecordedEvent } from '../event-store.port';
import type { BatchPolicy, FailurePolicy } from './processing-policy';

/** The PostgreSQL transaction a transactional handler writes in; the checkpoint moves in it too. */
export type ProcessorTransaction = PoolClient;

/** Writes to PostgreSQL (read models, process state, an outbox table): its rows and the checkpoint commit together. */
export interface TransactionalHandler {
  readonly kind: 'transactional';
  handle(tx: ProcessorTransaction, events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * Works outside PostgreSQL (a ClickHouse insert, a broker publish with confirms, commands and
 * emails): the checkpoint moves after `handle` resolves, so it must resolve only once the work is
 * durable, and be idempotent, since a crash between the two repeats it.
 */
export interface ExternalHandler {
  readonly kind: 'external';
  handle(events: readonly RecordedEvent[]): Promise<void>;
}

export type ProcessorHandler = TransactionalHandler | ExternalHandler;

/** The tenure of the active instance: `signal` aborts when it ends (lock lost, shutdown). */
export interface ProcessorTenure {
  readonly signal: AbortSignal;
  /** Shown in health and status while preparing, e.g. "rebuilding: 1,200 events". */
  report(detail: string): void;
}

/** One event-following job: what it reads, how it batches, what it does, how failures are handled. */
export interface ProcessorDefinition {
  /** Stable: the checkpoint key, the lock key, the metrics label, the CLI argument. */
  readonly name: string;
  /** The checkpoint row's version; a row stored at another version stops this processor (see `prepare`). Default 1. */
  readonly version?: number;
  readonly filter: EventFilter;
  readonly handler: ProcessorHandler;
  readonly batch?: Partial<BatchPolicy>;
  readonly failure?: Partial<FailurePolicy>;
  /** Failures of this kind are waited out and never park an event (besides connection-level ones). */
  isTransient?(error: unknown): boolean;
  /** Before following, each time this instance becomes active (schema, reference data, a rebuild). Retried until it succeeds. */
  prepare?(tenure: ProcessorTenure): Promise<void>;
  /** Where a processor without a checkpoint row starts (a position kept elsewhere before); else the start of the store. */
  initialPosition?(): Promise<{ readonly position: string; readonly events: number } | undefined>;
  /** After each committed batch (in-process wake-ups). Must not throw. */
  afterCommit?(events: readonly RecordedEvent[]): void;
  /** When the host stops: connections the handler holds. */
  close?(): Promise<void>;
}

/** Thrown by `prepare` (or found by a batch) when this processor must not run here: stops it for good. */
export class ProcessorStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessorStoppedError';
  }
}

/**
 * `standby`: another process holds it (or none could be taken yet); `starting`: preparing and
 * claiming; `running`: following, caught up or not; `retrying`: a batch, the subscription or the
 * start keeps failing and is being retried; `stopped`: not running and will not run here again.
 */
export type ProcessorState = 'standby' | 'starting' | 'running' | 'retrying' | 'stopped';

export interface ProcessorHealth {
  readonly processor: string;
  readonly state: ProcessorState;
  readonly detail: string | undefined;
  readonly lastError: string | undefined;
  /** The last committed position this instance knows of (active instances only). */
  readonly position: string | undefined;
  readonly since: Date;
}

export interface ProcessorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentProcessorLogger: ProcessorLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Where a host reports what its processors do (metrics). Labels must stay bounded: the processor name only. */
export interface ProcessorObserver {
  batchCommitted?(processor: string, events: number, seconds: number): void;
  stateChanged?(processor: string, state: ProcessorState): void;
  lag?(processor: string, lag: { readonly events: number; readonly seconds: number } | undefined): void;
  parked?(processor: string, open: number | undefined): void;
}
