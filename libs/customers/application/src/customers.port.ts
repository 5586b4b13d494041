import type { Client, Order } from '@switchboard/customers/domain';

export interface CustomersRepository {
  upsertClient(client: Client): Promise<void>;
  upsertOrder(order: Order): Promise<void>;
  countClients(): Promise<number>;
}

export const CUSTOMERS_REPOSITORY = Symbol('CustomersRepository');
