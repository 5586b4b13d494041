import { isUnitType, unitTypes } from './estate';
import type { UnitFields } from './estate';

export type Validation<T> = { readonly valid: true; readonly value: T } | { readonly valid: false; readonly errors: readonly string[] };

/** A row as it arrived (JSON values or CSV text), before validation. */
export type RawFields = Readonly<Record<string, unknown>>;

export const MIN_FLOOR = -10;
export const MAX_FLOOR = 200;
const MAX_AREA = 1_000_000;
const MAX_ROOMS = 100;
const MAX_LABEL = 40;

const isMissing = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const shown = (value: unknown): string => (typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : String(value));
const numberOf = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(',', '.')) : NaN);

/** Reads the fields of one row, collecting a precise message per bad field instead of stopping at the first. */
export class EstateFieldReader {
  readonly errors: string[] = [];

  constructor(private readonly fields: RawFields) {}

  label(name: string): string {
    const value = this.fields[name];
    if (isMissing(value)) return this.fail(`${name} is required`, '');
    const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    if (typeof text !== 'string') return this.fail(`${name} must be text, got ${shown(value)}`, '');
    if (text.trim().length > MAX_LABEL) return this.fail(`${name} must be at most ${MAX_LABEL} characters`, '');
    return text.trim();
  }

  integer(name: string, min: number, max: number): number {
    const value = this.fields[name];
    if (isMissing(value)) return this.fail(`${name} is required`, 0);
    const n = numberOf(value);
    if (!Number.isInteger(n) || n < min || n > max) return this.fail(`${name} must be a whole number from ${min} to ${max}, got ${shown(value)}`, 0);
    return n;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    return isMissing(this.fields[name]) ? undefined : this.integer(name, min, max);
  }

  optionalArea(name: string): number | undefined {
    const value = this.fields[name];
    if (isMissing(value)) return undefined;
    const n = numberOf(value);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_AREA) return this.fail(`${name} must be a positive number of square metres, got ${shown(value)}`, undefined);
    return Math.round(n * 100) / 100;
  }

  unitType(name: string): UnitFields['type'] {
    const value = this.fields[name];
    if (isMissing(value)) return this.fail(`${name} is required`, 'apartment');
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (!isUnitType(text)) return this.fail(`${name} must be one of ${unitTypes.join(', ')}, got ${shown(value)}`, 'apartment');
    return text;
  }

  result<T>(value: T): Validation<T> {
    return this.errors.length === 0 ? { valid: true, value } : { valid: false, errors: [...this.errors] };
  }

  private fail<T>(message: string, placeholder: T): T {
    this.errors.push(message);
    return placeholder;
  }
}

/** A unit's own fields (number, type, floor, area, rooms), every problem named. */
export function validateUnitFields(fields: RawFields): Validation<UnitFields> {
  const read = new EstateFieldReader(fields);
  const number = read.label('number');
  const type = read.unitType('type');
  const floor = read.integer('floor', MIN_FLOOR, MAX_FLOOR);
  const area = read.optionalArea('area');
  const rooms = read.optionalInteger('rooms', 0, MAX_ROOMS);
  return read.result({ number, type, floor, ...(area === undefined ? {} : { area }), ...(rooms === undefined ? {} : { rooms }) });
}
