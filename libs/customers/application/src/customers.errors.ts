import type { FieldError } from '@switchboard/customers/domain';

/** The input was refused; every reason is named by its field. */
export class CustomersValidationError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field} ${e.message}`).join('; '));
    this.name = 'CustomersValidationError';
  }
}

export class ClientNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientNotFoundError';
  }
}

export class OrderNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`no order ${code}, and no details to create it`);
    this.name = 'OrderNotFoundError';
  }
}

/** The order exists but is another client's: a request links a client with one of their own orders. */
export class OrderOfAnotherClientError extends Error {
  constructor(
    readonly code: string,
    readonly clientId: string,
  ) {
    super(`order ${code} belongs to another client than ${clientId}`);
    this.name = 'OrderOfAnotherClientError';
  }
}
