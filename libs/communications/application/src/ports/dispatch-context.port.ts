import type { Communication, DispatchContext } from '@switchboard/communications/domain';

/**
 * What the policies look at for one communication now: its type and the channels (reference
 * data), the client's availability, quiet hours and addresses, the department's preferred
 * channels and rate limits. The sends the limits count are not: they are reserved atomically
 * (RateLimitLedger).
 */
export interface DispatchContextSource {
  contextFor(communication: Communication, now: Date): Promise<Omit<DispatchContext, 'sent'>>;
}

export const DISPATCH_CONTEXT_SOURCE = Symbol('DispatchContextSource');
