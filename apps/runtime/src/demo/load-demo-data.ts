import type { CatalogueRepository } from '@switchboard/catalogue';
import type { CustomersRepository } from '@switchboard/customers';
import { demoClients, demoOrders, demoServices, demoWorkGroups } from './demo-data';

/** Idempotent: upserts by key, so every start of the embedded default leaves the same demo rows. */
export async function loadDemoData(catalogue: CatalogueRepository, customers: CustomersRepository): Promise<string> {
  await catalogue.upsertWorkGroups(demoWorkGroups);
  await catalogue.upsertServices(demoServices);
  for (const client of demoClients) await customers.upsertClient(client);
  for (const order of demoOrders) await customers.upsertOrder(order);
  return `${demoWorkGroups.length} work groups, ${demoServices.length} services, ${demoClients.length} clients, ${demoOrders.length} orders`;
}
