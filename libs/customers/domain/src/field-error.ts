/** One reason an input was refused, named by the field the caller sent. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A normalised value, or every reason it could not be one. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

export const valid = <T>(value: T): Validated<T> => ({ ok: true, value });
export const invalid = <T>(errors: FieldError[]): Validated<T> => ({ ok: false, errors });

/** Prefixes field names, e.g. `phone` → `newClient.phone`. */
export const underField = (prefix: string, errors: readonly FieldError[]): FieldError[] =>
  errors.map((e) => ({ field: `${prefix}.${e.field}`, message: e.message }));
