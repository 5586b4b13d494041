import type { EventFilter } from '../event-store.port';

/**
 * What committed appends wrote, as wake-ups carry it: the streams' categories (a stream id up to
 * and including its first `-`, or the whole id) and the event types. A subscriber whose filter
 * none of it can pass sleeps on; `undefined` means "anything": everyone wakes.
 */
export interface AppendedEvents {
  readonly categories: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

/** A NOTIFY payload must stay under 8,000 bytes; a larger summary is sent as "anything". */
const MAX_PAYLOAD_BYTES = 7_000;

export const streamCategory = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash + 1);
};

export function appendedEvents(streamId: string, types: readonly string[]): AppendedEvents {
  return { categories: new Set([streamCategory(streamId)]), types: new Set(types) };
}

/** Both summaries in one (coalesced wake-ups); `undefined` (anything) absorbs the other. */
export function mergeAppended(a: AppendedEvents | undefined, b: AppendedEvents | undefined): AppendedEvents | undefined {
  if (!a || !b) return undefined;
  return { categories: new Set([...a.categories, ...b.categories]), types: new Set([...a.types, ...b.types]) };
}

/**
 * Whether events so summarised may pass `filter` (prefixes and types both, as a page read applies
 * them). Never false for an event that passes: its category and a filter prefix are both prefixes of
 * its stream id, so one is a prefix of the other. It may be true for none (a merged summary).
 */
export function mayPass(filter: EventFilter | undefined, appended: AppendedEvents | undefined): boolean {
  if (!filter || !appended) return true;
  const prefixes = filter.streamPrefixes ?? [];
  const types = filter.eventTypes ?? [];
  if (prefixes.length > 0 && ![...appended.categories].some((c) => prefixes.some((p) => p.startsWith(c) || c.startsWith(p)))) return false;
  if (types.length > 0 && !types.some((t) => appended.types.has(t))) return false;
  return true;
}

/** The NOTIFY payload; null (anything) when there is no summary or it would be too long. */
export function encodeAppended(appended: AppendedEvents | undefined): string | null {
  if (!appended) return null;
  const payload = JSON.stringify({ c: [...appended.categories], t: [...appended.types] });
  return Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES ? payload : null;
}

/** A NOTIFY payload back; anything unreadable (an older writer's empty payload included) is "anything". */
export function decodeAppended(payload: string | null | undefined): AppendedEvents | undefined {
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(payload) as { c?: unknown; t?: unknown };
    const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (!strings(parsed.c) || !strings(parsed.t)) return undefined;
    return { categories: new Set(parsed.c), types: new Set(parsed.t) };
  } catch {
    return undefined;
  }
}
