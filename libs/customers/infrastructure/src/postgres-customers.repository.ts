import type { EntityManager } from '@mikro-orm/postgresql';
import type { CustomersRepository } from '@switchboard/customers';
import type { Client, Order } from '@switchboard/customers/domain';

export class PostgresCustomersRepository implements CustomersRepository {
  constructor(private readonly em: EntityManager) {}

  async upsertClient(c: Client): Promise<void> {
    await this.em.getConnection().execute(
      `INSERT INTO customers_clients (id, first_name, last_name, middle_name, phone, email, inn, organisation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
         middle_name = excluded.middle_name, phone = excluded.phone, email = excluded.email, inn = excluded.inn,
         organisation = excluded.organisation, updated_at = now()`,
      [c.id, c.firstName, c.lastName, c.middleName ?? null, c.phone, c.email ?? null, c.inn ?? null, c.organisation ?? null],
    );
  }

  async upsertOrder(o: Order): Promise<void> {
    await this.em.getConnection().execute(
      `INSERT INTO customers_orders (id, code, name, cost, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, cost = excluded.cost`,
      [o.id, o.code, o.name, o.cost, o.createdAt, o.clientId],
    );
  }

  async countClients(): Promise<number> {
    const [row] = await this.em.getConnection().execute<{ n: string }[]>('SELECT count(*) AS n FROM customers_clients');
    return Number(row?.n ?? 0);
  }
}
