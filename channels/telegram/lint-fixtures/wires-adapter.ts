import { PostgresCustomersRepository } from '@switchboard/customers/infrastructure';

export const adapter = PostgresCustomersRepository;
