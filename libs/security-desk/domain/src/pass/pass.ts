/** A pass for one visit (used once) or for visits until it expires or is revoked. */
export const passKinds = ['one-time', 'permanent'] as const;
export type PassKind = (typeof passKinds)[number];

/** Who may order a pass; recorded on the pass so the log shows where it came from. */
export const passIssuers = ['Resident', 'Concierge', 'Dispatcher'] as const;
export type PassIssuer = (typeof passIssuers)[number];

export const VISITOR_NAME_MAX = 200;
export const PLATE_MAX = 20;
export const UNIT_LABEL_MAX = 200;

/**
 * What a pass says at its creation. The unit and the site are references into the estate (ids,
 * not foreign keys); the unit's label and the resident's phone are copied in as they were when
 * the pass was ordered, so the guard's desk needs nothing else to show them.
 */
export interface PassDraft {
  readonly siteSlug: string;
  readonly unitId: string;
  /** How people name the unit, e.g. "Building 2, apt 45". */
  readonly unitLabel: string;
  /** The phone the guard calls to ask the resident (E.164 or as given). */
  readonly residentPhone?: string;
  readonly kind: PassKind;
  readonly visitorName?: string;
  /** As typed; matching uses its normalised form. */
  readonly plate?: string;
  /** ISO 8601: the first moment the pass admits. */
  readonly validFrom: string;
  /** ISO 8601: the last moment the pass admits; someone still inside after it overstays. */
  readonly validUntil: string;
  readonly issuedAs: PassIssuer;
  readonly note?: string;
}

/** The event stream of one pass. */
export const passStreamId = (passId: string): string => `pass-${passId}`;
export const PASS_STREAM_PREFIX = 'pass-';
