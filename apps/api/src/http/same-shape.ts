/** Readonly all the way down, so a zod output type and a DTO interface compare by shape alone. */
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends Date
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

type Same<A, B> = [DeepReadonly<A>] extends [DeepReadonly<B>] ? ([DeepReadonly<B>] extends [DeepReadonly<A>] ? true : false) : false;

/**
 * Compile-time proof that an answer schema describes exactly the type a query returns: it does
 * not compile (`true` is not `false`) when either side gains, loses or changes a field.
 */
export function sameShape<Schema, Dto>(proof: Same<Schema, Dto>): void {
  void proof;
}
