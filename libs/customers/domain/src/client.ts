/** A customer of the company: a person or, with INN and organisation, a legal entity. */
export interface Client {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly middleName?: string;
  /** E.164, unique. */
  readonly phone: string;
  readonly email?: string;
  readonly inn?: string;
  readonly organisation?: string;
}

export interface Order {
  readonly id: string;
  /** Unique business code. */
  readonly code: string;
  readonly name: string;
  /** Decimal as a string ("1234.50"): money is never a float. */
  readonly cost: string;
  readonly createdAt: Date;
  readonly clientId: string;
}
