/** A client's availability for communication [Доступность для коммуникации]: a status and blocked periods. */
export interface ClientAvailability {
  readonly status: 'active' | 'blocked';
  /** From `from` until `to` (exclusive) nothing reaches the client; no `to`: until lifted. */
  readonly blockedPeriods: readonly { readonly from: Date; readonly to?: Date }[];
  /** Types the client opted out of; `marketing` stands for every marketing type ("STOP"). */
  readonly optedOut: readonly string[];
}

export const availableClient: ClientAvailability = { status: 'active', blockedPeriods: [], optedOut: [] };

/** The blocked period the instant falls in, if any (the one that ends last when they overlap). */
export function blockedPeriodAt(availability: ClientAvailability, instant: Date): { readonly from: Date; readonly to?: Date } | undefined {
  const t = instant.getTime();
  const covering = availability.blockedPeriods.filter((p) => p.from.getTime() <= t && (p.to === undefined || t < p.to.getTime()));
  if (covering.length === 0) return undefined;
  return covering.find((p) => p.to === undefined) ?? covering.reduce((a, b) => ((a.to?.getTime() ?? 0) >= (b.to?.getTime() ?? 0) ? a : b));
}

/** Whether the client opted out of this type (by its code, or of every marketing type). */
export function optedOutOf(availability: ClientAvailability, type: { readonly code: string; readonly marketing: boolean }): boolean {
  return availability.optedOut.includes(type.code) || (type.marketing && availability.optedOut.includes('marketing'));
}
