/** A name already taken within its parent (a site slug, a building name on a site, an entrance or unit number in a building). */
export class EstateConflictError extends Error {
  constructor(
    readonly rule: 'site-slug-taken' | 'site-unknown' | 'building-name-taken' | 'entrance-number-taken' | 'unit-number-taken' | 'entrance-not-in-building',
    message: string,
  ) {
    super(message);
    this.name = 'EstateConflictError';
  }
}
