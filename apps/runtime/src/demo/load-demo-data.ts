import type { CatalogueRepository } from '@switchboard/catalogue';
import type { CustomersRepository } from '@switchboard/customers';
import type { Pool } from 'pg';
import { readRealmUsers } from '@switchboard/identity/infrastructure';
import { demoClients, demoOrders, demoResidentUnits, demoServices, demoWorkGroups } from './demo-data';

/** Idempotent: upserts by key, so every start of the embedded default leaves the same demo rows. */
export async function loadDemoData(catalogue: CatalogueRepository, customers: CustomersRepository): Promise<string> {
  await catalogue.upsertWorkGroups(demoWorkGroups);
  await catalogue.upsertServices(demoServices);
  for (const client of demoClients) await customers.upsertClient(client);
  for (const order of demoOrders) await customers.upsertOrder(order);
  return `${demoWorkGroups.length} work groups, ${demoServices.length} services, ${demoClients.length} clients, ${demoOrders.length} orders`;
}

/**
 * The residents' portal demo: the demo clients' units, and the realm's resident accounts (attribute
 * `clientId`) linked to their clients by subject, as an invitation would. Idempotent.
 */
export async function loadPortalDemoData(pool: Pool): Promise<string> {
  for (const unit of demoResidentUnits) {
    await pool.query(
      `INSERT INTO portal_resident_units (client_id, unit_id, label, site_slug) VALUES ($1, $2, $3, $4)
        ON CONFLICT (client_id, unit_id) DO NOTHING`,
      [unit.clientId, unit.unitId, unit.label, unit.siteSlug],
    );
  }
  const residents = readRealmUsers().filter((u) => u.clientId);
  for (const user of residents) {
    await pool.query(
      "INSERT INTO portal_accounts (subject, client_id, linked_via, linked_at) VALUES ($1, $2, 'realm', now()) ON CONFLICT (subject) DO NOTHING",
      [user.id, user.clientId],
    );
  }
  return `${demoResidentUnits.length} resident units, ${residents.length} resident accounts`;
}
