import type { Channel } from '../shared/channel';
import type { Priority } from '../shared/priority';

/** What a routing rule looks for in a new contact. Every condition given must hold; a list holds when any of its entries does. */
export interface RoutingConditions {
  readonly channels?: readonly Channel[];
  /** The number or bot the contact wrote to (an SMS short number, a Telegram bot's username), where the channel says. */
  readonly recipients?: readonly string[];
  /** ESB source systems (the contact address of an ESB message). */
  readonly esbSources?: readonly string[];
  /** Words or phrases in the first message, case-insensitive. */
  readonly keywords?: readonly string[];
  /** A regular expression over the first message, case-insensitive, from the safe subset (see routing-pattern.ts). */
  readonly pattern?: string;
  /** What the identified client is: a legal entity (INN and organisation) or a person. An unidentified client matches neither. */
  readonly clientKinds?: readonly ClientKind[];
  /** Particular legal entities, by INN. */
  readonly clientInns?: readonly string[];
  /** Client tags ("vip", "key-account"), any of these. */
  readonly clientTags?: readonly string[];
}

export const clientKinds = ['legal-entity', 'person'] as const;
export type ClientKind = (typeof clientKinds)[number];

/** What routing knows of the client a contact was identified as. */
export interface RoutableClient {
  readonly kind: ClientKind;
  readonly inn?: string;
  readonly tags?: readonly string[];
}

/** Where a matching contact's request goes. */
export interface RoutingOutcome {
  readonly department: string;
  readonly priority?: Priority;
  readonly tags?: readonly string[];
}

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly conditions: RoutingConditions;
  readonly outcome: RoutingOutcome;
}

/** What a routing rule sees of a contact that registers a new request. */
export interface RoutableContact {
  readonly channel: Channel;
  readonly address: string;
  readonly recipient?: string;
  readonly text: string;
  /** The client the contact was identified as, when it was. */
  readonly client?: RoutableClient;
}

/** The rule that routed a request, as its registration event records it. */
export interface RoutedBy {
  readonly ruleId: string;
  readonly ruleName: string;
}

export interface Route {
  readonly department: string;
  readonly priority?: Priority;
  readonly tags: readonly string[];
  readonly routedBy: RoutedBy;
}
