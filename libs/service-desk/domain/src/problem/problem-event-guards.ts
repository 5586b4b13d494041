import type { StoredEvent } from '../shared/stored-event';
import { problemEventTypes } from './problem.events';
import type { ProblemEvent, ProblemEventType } from './problem.events';

export type ProblemEventOf<T extends ProblemEventType> = Extract<ProblemEvent, { type: T }>;

const known: ReadonlySet<string> = new Set(problemEventTypes);

/** Narrows a stored event to a problem event (of one type, when given) by its stored type name. */
export function isProblemEvent<E extends StoredEvent, T extends ProblemEventType = ProblemEventType>(event: E, type?: T): event is E & ProblemEventOf<T> {
  return type === undefined ? known.has(event.type) : event.type === type;
}

/** The problem event a stored one is, or undefined for any other event. */
export function asProblemEvent(event: StoredEvent): ProblemEvent | undefined {
  return isProblemEvent(event) ? ({ type: event.type, data: event.data } as ProblemEvent) : undefined;
}
