/** A row as it arrived (JSON values or CSV text), before validation. */
export type RawReferenceFields = Readonly<Record<string, unknown>>;

export type Validation<T> = { readonly valid: true; readonly value: T } | { readonly valid: false; readonly errors: readonly string[] };

/** Codes are PostgreSQL integers. */
export const MAX_CODE = 2_147_483_647;

const shown = (value: unknown): string => (typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : String(value));

const isMissing = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Field readers that collect one precise message per bad field instead of stopping at the first. */
export class FieldReader {
  readonly errors: string[] = [];

  constructor(private readonly fields: RawReferenceFields) {}

  code(name: string): number {
    const value = this.fields[name];
    if (isMissing(value)) return this.fail(`${name} is required`, 0);
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_CODE) return this.fail(`${name} must be a positive integer up to ${MAX_CODE}, got ${shown(value)}`, 0);
    return n;
  }

  text(name: string): string {
    const value = this.fields[name];
    if (isMissing(value)) return this.fail(`${name} is required`, '');
    if (typeof value !== 'string') return this.fail(`${name} must be text, got ${shown(value)}`, '');
    return value.trim();
  }

  email(name: string): string {
    const value = this.text(name);
    // Deliberately loose: the mail server is the judge; this only catches what cannot be an address.
    if (value && !/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value)) return this.fail(`${name} must be an email address, got ${shown(value)}`, '');
    return value;
  }

  result<T>(value: T): Validation<T> {
    return this.errors.length === 0 ? { valid: true, value } : { valid: false, errors: [...this.errors] };
  }

  private fail<T>(message: string, placeholder: T): T {
    this.errors.push(message);
    return placeholder;
  }
}
