/** What an operator (or a channel) knows about a client; every field already normalised. */
export interface ClientDetails {
  readonly firstName: string;
  readonly lastName: string;
  readonly middleName?: string;
  /** E.164 (`+79161234567`), unique among our clients. */
  readonly phone: string;
  readonly email?: string;
  /** Taxpayer number: 10 digits for an organisation, 12 for a person or sole trader. */
  readonly inn?: string;
  readonly organisation?: string;
  /** Labels the company gives a client ("vip", "key-account"): lower case, what routing rules and mailings select by. */
  readonly tags?: readonly string[];
}

/** A customer of the company: a person or, with INN and organisation, a legal entity. */
export interface Client extends ClientDetails {
  readonly id: string;
  /** The LegacyDB record (`client_no`) this client was migrated from, if any. */
  readonly legacyId?: number;
  /** How many edits it has had (0 when created): the `If-Match` of the next edit. Set when read from the store. */
  readonly revision?: number;
}

/** Raw client fields as typed by an operator or sent by a channel; `null` clears an optional field. */
export type ClientInput = { readonly [K in Exclude<keyof ClientDetails, 'tags'>]?: string | null } & {
  /** The whole list; `null` or `[]` clears it. */
  readonly tags?: readonly string[] | null;
};

/** Changes to a client: an absent field stays, `null` clears an optional one. */
export type ClientPatch = ClientInput;

export interface OrderDetails {
  /** Unique business code. */
  readonly code: string;
  readonly name: string;
  /** Decimal as a string ("1234.50"): money is never a float. */
  readonly cost: string;
}

export interface Order extends OrderDetails {
  readonly id: string;
  readonly createdAt: Date;
  readonly clientId: string;
}

/** Raw order fields as given with a request. */
export interface OrderInput {
  readonly code?: string | null;
  readonly name?: string | null;
  readonly cost?: string | null;
}
