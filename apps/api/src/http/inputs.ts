import { z } from 'zod';
import { describedAs } from '@switchboard/platform';
import { listSorts } from '@switchboard/read-models';

/** Text an operator types: trimmed, not empty, bounded. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request's, incident's or client's id: any case accepted, lower case used (stream ids are lower case). */
export const entityId = describedAs(
  z
    .string()
    .regex(UUID, 'must be a uuid')
    .transform((id) => id.toLowerCase()),
  { type: 'string', format: 'uuid' },
);

/** `?state=NEW,IN_PROGRESS` or `?state=NEW&state=IN_PROGRESS`. */
export const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  describedAs(
    z
      .union([z.string(), z.array(z.string())])
      .transform((raw) => (Array.isArray(raw) ? raw : raw.split(',')).map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values))),
    { type: 'array', items: { type: 'string', enum: [...values] } },
  );

export const sortParam = z
  .enum(listSorts)
  .describe('Order of the list; `-` for newest first. `dueAt`: the next SLA due time first (those without a running SLA last).');

/** `?breached=true` or `false` in a query; a saved filter keeps it as JSON `true` / `false`. */
export const booleanParam = describedAs(z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]), { type: 'boolean' });

export const isoDate = describedAs(
  z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z' }).transform((v) => new Date(v)),
  { type: 'string', format: 'date-time' },
);

export const positiveInt = z.coerce.number().int('must be a whole number').positive('must be positive');

export const minPosition = z.string().max(100).describe('A `position` a command answered: the query waits (up to 2 s) until the read models have passed it.');

export const pageParams = { page: positiveInt.max(10_000).optional(), pageSize: positiveInt.max(100).optional() };
