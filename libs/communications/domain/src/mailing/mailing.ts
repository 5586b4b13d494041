import type { CommunicationChannel } from '../reference/communication-channel';

/**
 * Who a mailing goes to [Аудитория рассылки]: every filter given must hold (AND); at least one is
 * needed. Resolved once, when the mailing starts, into a frozen recipient list.
 */
export interface MailingAudience {
  /** Clients with requests in this department. */
  readonly department?: string;
  /** Clients with requests (or incidents of their requests) on this service (catalogue code). */
  readonly serviceCode?: number;
  /** Clients with these tags: any of them, or all of them. */
  readonly tags?: { readonly match: 'any' | 'all'; readonly values: readonly string[] };
  /** Clients with an order; with `codePrefix`, an order whose code starts with it. */
  readonly order?: { readonly codePrefix?: string };
  /** Clients whose residency holds, when the mailing starts, in a unit of this site, building or entrance (exactly one given). */
  readonly estate?: MailingEstatePlace;
}

/** Where a building-wide notice goes (a planned water shut-off, a lift repair). */
export type MailingEstatePlace = { readonly siteId: string } | { readonly buildingId: string } | { readonly entranceId: string };

export interface MailingDraft {
  readonly name: string;
  readonly department: string;
  readonly audience: MailingAudience;
  readonly templateId: string;
  /** Values for the template's variables (the same for every recipient). */
  readonly variables?: Readonly<Record<string, string>>;
  readonly communicationType: string;
  /** The channel every communication must go by; absent: the department's preferred channels. */
  readonly channel?: CommunicationChannel;
  /** ISO 8601: not before this time; absent: as soon as it is started. */
  readonly startAt?: string;
  /** At most this many communications requested per minute. */
  readonly perMinute: number;
}

export const MAILING_NAME_MAX = 200;
export const MAILING_PER_MINUTE_MAX = 100_000;
export const MAILING_TAGS_MAX = 20;

/** The event stream of one mailing. */
export const mailingStreamId = (mailingId: string): string => `mailing-${mailingId}`;

/** What is wrong with an audience as written; empty when it is usable. */
export function audienceProblems(audience: MailingAudience): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const given = [audience.department, audience.serviceCode, audience.tags, audience.order, audience.estate].filter((f) => f !== undefined);
  if (given.length === 0) problems.push({ field: 'audience', message: 'needs at least one filter (department, service, tags, order or estate)' });
  if (audience.estate !== undefined && Object.keys(audience.estate).length !== 1) {
    problems.push({ field: 'audience.estate', message: 'must name exactly one of siteId, buildingId, entranceId' });
  }
  if (audience.department !== undefined && audience.department.trim() === '') problems.push({ field: 'audience.department', message: 'must not be empty' });
  if (audience.serviceCode !== undefined && (!Number.isInteger(audience.serviceCode) || audience.serviceCode <= 0)) {
    problems.push({ field: 'audience.serviceCode', message: 'must be a positive integer' });
  }
  if (audience.tags !== undefined) {
    if (audience.tags.values.length === 0) problems.push({ field: 'audience.tags.values', message: 'must name at least one tag' });
    if (audience.tags.values.length > MAILING_TAGS_MAX) problems.push({ field: 'audience.tags.values', message: `at most ${MAILING_TAGS_MAX} tags` });
  }
  return problems;
}
