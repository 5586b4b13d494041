import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '@switchboard/eventstore';
import { incidentDecider, incidentStreamId, problemDecider, problemStreamId, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { IncidentCommand, IncidentState, ProblemCommand, ProblemState, RequestCommand, RequestState } from '@switchboard/service-desk/domain';

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
/** A command without its `by` and `now`, which the script fills in. */
export type ScriptedRequestCommand = Without<RequestCommand, 'by' | 'now'>;
export type ScriptedIncidentCommand = Without<IncidentCommand, 'by' | 'now'>;
export type ScriptedProblemCommand = Without<ProblemCommand, 'by' | 'now'>;

export interface ScriptedAppend {
  readonly streamId: string;
  /** Revision of the stream before this append (-1 for a new stream). */
  readonly expected: number;
  readonly events: NewEvent[];
}

interface Stream<S> {
  state: S;
  revision: number;
}

/**
 * Writes service-desk history the way the application does: every command goes through the real
 * deciders, so the events have exactly the shapes and transitions production writes. The result
 * is a list of appends, to put into an event store or to turn into recorded events directly.
 */
export class ServiceDeskScript {
  readonly appends: ScriptedAppend[] = [];
  private readonly requests = new Map<string, Stream<RequestState>>();
  private readonly incidents = new Map<string, Stream<IncidentState>>();
  private readonly problems = new Map<string, Stream<ProblemState>>();

  request(requestId: string, by: string, at: string | Date, command: ScriptedRequestCommand): this {
    const stream = this.requests.get(requestId) ?? { state: requestDecider.initialState, revision: -1 };
    const full = { ...command, by, now: new Date(at) } as RequestCommand;
    const events = requestDecider.decide(full, stream.state);
    this.record(requestStreamId(requestId), stream, events, requestDecider.evolve);
    this.requests.set(requestId, stream);
    return this;
  }

  incident(incidentId: string, by: string, at: string | Date, command: ScriptedIncidentCommand): this {
    const stream = this.incidents.get(incidentId) ?? { state: incidentDecider.initialState, revision: -1 };
    const full = { ...command, by, now: new Date(at) } as IncidentCommand;
    const events = incidentDecider.decide(full, stream.state);
    this.record(incidentStreamId(incidentId), stream, events, incidentDecider.evolve);
    this.incidents.set(incidentId, stream);
    return this;
  }

  problem(problemId: string, by: string, at: string | Date, command: ScriptedProblemCommand): this {
    const stream = this.problems.get(problemId) ?? { state: problemDecider.initialState, revision: -1 };
    const full = { ...command, by, now: new Date(at) } as ProblemCommand;
    const events = problemDecider.decide(full, stream.state);
    this.record(problemStreamId(problemId), stream, events, problemDecider.evolve);
    this.problems.set(problemId, stream);
    return this;
  }

  /** Every event, in append order, as a store would record it (positions are the sequence). */
  recorded(createdAt = new Date()): RecordedEvent[] {
    const revisions = new Map<string, number>();
    let position = 0;
    return this.appends.flatMap((append) =>
      append.events.map((event) => {
        const revision = (revisions.get(append.streamId) ?? -1) + 1;
        revisions.set(append.streamId, revision);
        position++;
        return {
          id: event.id,
          type: event.type,
          streamId: append.streamId,
          revision: BigInt(revision),
          position: String(position),
          data: event.data,
          metadata: {},
          createdAt,
        };
      }),
    );
  }

  /** Appends in script order, each at the revision it was decided on. */
  async appendTo(store: EventStore): Promise<AppendResult | undefined> {
    let last: AppendResult | undefined;
    for (const append of this.appends) {
      last = await store.append(append.streamId, append.events, { expectedRevision: append.expected < 0 ? 'no_stream' : BigInt(append.expected) });
    }
    return last;
  }

  get eventCount(): number {
    return this.appends.reduce((n, a) => n + a.events.length, 0);
  }

  private record<S, E extends { type: string; data: unknown }>(streamId: string, stream: Stream<S>, events: E[], evolve: (state: S, event: E) => S): void {
    if (events.length === 0) return;
    this.appends.push({ streamId, expected: stream.revision, events: events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data })) });
    stream.state = events.reduce(evolve, stream.state);
    stream.revision += events.length;
  }
}
