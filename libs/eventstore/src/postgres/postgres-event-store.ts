import { Pool } from 'pg';
import type { ClientConfig } from 'pg';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  CurrentRevision,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { assertValidExpectedRevision, expectedAsNumber } from '../expected-revision';
import { assertValidEvents } from '../append-validation';
import { compareCheckpoints, decodeCheckpoint, encodeCheckpoint, START } from './postgres-checkpoint';
import { PostgresNotifications } from './postgres-notifications';
import { PostgresInTransaction } from './postgres-in-transaction';
import { PostgresPageReader } from './postgres-page-reader';
import { isRevisionTaken } from './postgres-errors';
import { SCHEMA_LOCK_KEY, assertSchemaName, schemaStatements } from './postgres-schema';
import { PostgresAppendWriter } from './postgres-append-writer';
import { PostgresStatements, checkpointOf, toRecordedEvent } from './postgres-statements';
import type { AppendKind, ConflictRow, EventRow } from './postgres-statements';
import { PostgresSubscription } from './postgres-subscription';
import { FilteredWakeUps, WakeUpSignal } from './wake-up-signal';
import { appendedEvents } from './appended-events';

export interface PostgresEventStoreOptions {
  /** PostgreSQL schema holding the events table. Default `eventstore`. */
  schema?: string;
  /** Pool size when the store creates its own pool from a connection string. Default 10. */
  poolSize?: number;
  /** Send a (coalesced) NOTIFY after appends so other processes' subscribers wake. Default true. */
  notify?: boolean;
  /**
   * Append statements in flight at once; appends queued behind them are combined into one
   * statement and commit (see PostgresAppendWriter). Default 2: on a CPU- or fsync-bound server,
   * fewer, fuller commits beat more, emptier ones.
   */
  appendConcurrency?: number;
  /** Most appends combined into one statement; 1 sends every append alone. Default 64. */
  maxCombinedAppends?: number;
  /** Rows per read round trip. Default 1000. */
  batchSize?: number;
  /** A caught-up subscriber polls this often without a wake-up. Default 500 ms. */
  pollIntervalMs?: number;
  /** First re-poll delay while visible events wait behind a running transaction. Default 5 ms. */
  heldBackPollMs?: number;
  /** How long readAll waits for events visible at its start to become stable. Default 2000 ms. */
  readAllSettleMs?: number;
}

const MAX_REVISION = 9_223_372_036_854_775_807n;
const MAX_APPEND_ATTEMPTS = 100;

type ConflictOutcome =
  { readonly kind: 'idempotent'; readonly result: AppendResult } | { readonly kind: 'conflict'; readonly actual: CurrentRevision } | { readonly kind: 'retry' };

/**
 * The event store on PostgreSQL (15+). One table; an append is one statement; readers only ever
 * see rows whose transaction is older than every running transaction, so a slow transaction can
 * delay a subscriber but never be skipped by it. See libs/eventstore/README.md.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly schema: string;
  private readonly statements: PostgresStatements;
  private readonly pages: PostgresPageReader;
  private readonly writer: PostgresAppendWriter;
  private readonly wakeUps = new FilteredWakeUps();
  private readonly notifications: PostgresNotifications;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly heldBackPollMs: number;
  private readonly readAllSettleMs: number;
  private schemaReady: Promise<void> | undefined;

  constructor(poolOrConnectionString: Pool | string, options: PostgresEventStoreOptions = {}) {
    this.schema = options.schema ?? 'eventstore';
    assertSchemaName(this.schema);
    let clientConfig: ClientConfig;
    if (typeof poolOrConnectionString === 'string') {
      clientConfig = { connectionString: poolOrConnectionString };
      this.pool = new Pool({ ...clientConfig, max: options.poolSize ?? 10 });
      // An idle client dropped by the server must not crash the process; the next query reconnects.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      clientConfig = poolOrConnectionString.options;
      this.pool = poolOrConnectionString;
      this.ownsPool = false;
    }
    this.statements = new PostgresStatements(this.schema);
    this.pages = new PostgresPageReader(this.pool, this.statements);
    this.writer = new PostgresAppendWriter(this.pool, this.statements, options.appendConcurrency ?? 2, options.maxCombinedAppends ?? 64);
    this.notifications = new PostgresNotifications(clientConfig, `${this.schema}_appended`, this.wakeUps, options.notify ?? true);
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.heldBackPollMs = options.heldBackPollMs ?? 5;
    this.readAllSettleMs = options.readAllSettleMs ?? 2000;
  }

  /** Creates the schema if missing; every other method calls it first. */
  ensureSchema(): Promise<void> {
    this.schemaReady ??= this.createSchema().catch((error: unknown) => {
      this.schemaReady = undefined;
      throw error;
    });
    return this.schemaReady;
  }

  async append(streamId: string, events: NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
    const expected = opts.expectedRevision ?? 'any';
    assertValidExpectedRevision(expected);
    assertValidEvents(events);
    await this.ensureSchema();
    const exact = expectedAsNumber(expected);
    const kind: AppendKind = exact === undefined ? (expected as 'any' | 'stream_exists') : 'exact';
    const request = { streamId, events, kind, exact };

    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      try {
        const rows = await this.writer.write(request);
        if (rows.length === events.length) {
          this.notifications.committed(
            appendedEvents(
              streamId,
              events.map((e) => e.type),
            ),
          );
          const last = rows.length === 1 ? rows[0] : rows.reduce((a, b) => (BigInt(b.revision) > BigInt(a.revision) ? b : a));
          return { nextExpectedRevision: BigInt(last.revision), position: encodeCheckpoint(checkpointOf(last)) };
        }
      } catch (error) {
        if (!isRevisionTaken(error)) throw error;
      }
      const outcome = await this.classifyConflict(streamId, events, expected);
      if (outcome.kind === 'idempotent') return outcome.result;
      if (outcome.kind === 'conflict') throw new WrongExpectedVersionError(streamId, expected, outcome.actual);
    }
    throw new Error(`Append to stream '${streamId}' lost the race for a revision ${MAX_APPEND_ATTEMPTS} times`);
  }

  async *readStream(streamId: string, opts: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    const direction = opts.direction ?? 'forwards';
    const step = direction === 'forwards' ? 1n : -1n;
    let from = opts.fromRevision ?? (direction === 'forwards' ? 0n : MAX_REVISION);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    await this.ensureSchema();
    for (let first = true; remaining > 0 && from >= 0n; first = false) {
      const limit = Math.min(this.batchSize, remaining);
      const { rows } = await this.pool.query<EventRow>({
        ...this.statements.readStream(direction),
        values: [streamId, from.toString(), limit],
      });
      if (first && rows.length === 0 && !(await this.streamExists(streamId))) throw new StreamNotFoundError(streamId);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = BigInt(rows[rows.length - 1].revision) + step;
    }
  }

  /**
   * Stable events only (see README). Events already visible when the read starts but held back by
   * a running transaction are waited for, up to `readAllSettleMs`; past that the read ends early
   * rather than return anything a later read from its positions could not continue after.
   */
  async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    let cursor = opts.from === undefined ? START : decodeCheckpoint(opts.from);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    const settleBy = Date.now() + this.readAllSettleMs;
    let settleTarget: bigint | undefined;
    let delay = this.heldBackPollMs;
    await this.ensureSchema();
    for (let first = true; remaining > 0; first = false) {
      const limit = Math.min(this.batchSize, remaining);
      const page = await this.pages.readPage(cursor, limit, opts.filter);
      if (first) settleTarget = page.head;
      for (const event of page.events) yield event;
      remaining -= page.events.length;
      if (page.last) cursor = page.last;
      if (page.events.length === limit) continue;
      if (page.tail && compareCheckpoints(page.tail, cursor) > 0) cursor = page.tail;
      const unsettled = settleTarget !== undefined && page.horizon <= settleTarget;
      if (!unsettled || Date.now() >= settleBy) return;
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
    }
  }

  /**
   * This store inside a transaction the caller owns (multi-stream appends committed with the
   * caller's rows). PostgreSQL only, not part of the port: see PostgresInTransaction.
   */
  inTransaction(): PostgresInTransaction {
    return new PostgresInTransaction(
      this.statements,
      () => this.ensureSchema(),
      () => this.notifications.committed(),
    );
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    // Its own signal: appends its filter cannot pass do not wake it (the idle poll still runs).
    const wakeUps = new WakeUpSignal();
    return PostgresSubscription.from(
      {
        readPage: async (cursor, limit, filter) => {
          await this.ensureSchema();
          return this.pages.readPage(cursor, limit, filter);
        },
        wakeUps,
        batchSize: this.batchSize,
        idlePollMs: this.pollIntervalMs,
        heldBackPollMs: this.heldBackPollMs,
        started: (subscription) => {
          this.subscriptions.add(subscription);
          this.wakeUps.add(wakeUps, opts.filter);
          this.notifications.listen();
        },
        ended: (subscription) => {
          this.subscriptions.delete(subscription);
          this.wakeUps.remove(wakeUps);
        },
      },
      opts.from,
      opts.filter,
      START,
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.notifications.close();
    if (this.ownsPool) await this.pool.end();
  }

  private async classifyConflict(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<ConflictOutcome> {
    const exact = expectedAsNumber(expected);
    const { rows } = await this.pool.query<ConflictRow>({
      ...this.statements.conflict(),
      values: [streamId, exact?.toString() ?? null, events[0].id, events.length],
    });
    const current = BigInt(rows[0].current);
    const actual: CurrentRevision = current < 0n ? 'no_stream' : current;
    if (expected === 'stream_exists' && actual === 'no_stream') return { kind: 'conflict', actual };
    // The stream reached the expected revision after our check read it: go again.
    if (exact !== undefined && current === exact) return { kind: 'retry' };
    if (exact !== undefined && current < exact) return { kind: 'conflict', actual };
    // `any` / `stream_exists` whose first event is not in the stream: a concurrent append took the revision.
    if (rows[0].base === null) return { kind: 'retry' };
    const written = rows.filter((r): r is WrittenRow => r.revision !== null);
    const same = written.length === events.length && written.every((row, i) => row.event_id === events[i].id.toLowerCase());
    if (!same) return { kind: 'conflict', actual };
    const last = written[written.length - 1];
    return {
      kind: 'idempotent',
      result: { nextExpectedRevision: BigInt(last.revision), position: encodeCheckpoint(checkpointOf(last)) },
    };
  }

  private async streamExists(streamId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ exists: boolean }>({ ...this.statements.streamExists(), values: [streamId] });
    return rows[0].exists;
  }

  private async createSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SCHEMA_LOCK_KEY, this.schema]);
      for (const statement of schemaStatements(this.schema)) await client.query(statement);
      const { rows } = await client.query<{ ahead: boolean | null }>(this.statements.transactionIdsAhead());
      if (rows[0].ahead) {
        throw new Error(
          `"${this.schema}".events holds transaction ids this server has not reached yet (restored from another cluster?): ` +
            'new events would sort before old ones and subscribers would skip them. See libs/eventstore/README.md, "Restoring".',
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

type WrittenRow = ConflictRow & { revision: string; event_id: string; transaction_id: string; global_position: string };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
