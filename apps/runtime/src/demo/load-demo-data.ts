import type { CatalogueRepository } from '@switchboard/catalogue';
import type { CustomersRepository } from '@switchboard/customers';
import type { Pool } from 'pg';
import { readRealmUsers } from '@switchboard/identity/infrastructure';
import { checkResidency } from '@switchboard/estate/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import type { EstateStore } from '@switchboard/estate';
import { demoClients, demoEstate, demoOrders, demoResidencies, demoServices, demoWorkGroups } from './demo-data';

/** Idempotent: upserts by key, so every start of the embedded default leaves the same demo rows. */
export async function loadDemoData(catalogue: CatalogueRepository, customers: CustomersRepository): Promise<string> {
  await catalogue.upsertWorkGroups(demoWorkGroups);
  await catalogue.upsertServices(demoServices);
  for (const client of demoClients) await customers.upsertClient(client);
  for (const order of demoOrders) await customers.upsertOrder(order);
  return `${demoWorkGroups.length} work groups, ${demoServices.length} services, ${demoClients.length} clients, ${demoOrders.length} orders`;
}

const EVERY_SITE: SiteScope = { all: true };
const DEMO = { by: 'system:demo-data' };

/**
 * The demo estate (ADR 0028) through the estate's store: sites, buildings, entrances and units found
 * by their fixed ids (or the site by its slug), created when absent, and the demo clients'
 * residencies — the units the portal offers them (ADR 0030). Idempotent; a site of the same slug
 * created by someone else is left alone with everything under it.
 */
export async function loadDemoEstate(store: EstateStore): Promise<string> {
  let units = 0;
  const loaded = new Set<string>();
  for (const site of demoEstate) {
    const existing = await store.findSiteBySlug(site.slug);
    if (existing && existing.id !== site.id) continue;
    if (!existing) await store.createSite({ id: site.id, slug: site.slug, name: site.name, address: site.address }, DEMO);
    for (const building of site.buildings) {
      if (!(await store.findBuilding(EVERY_SITE, site.id, building.id))) {
        await store.createBuilding(EVERY_SITE, { id: building.id, siteId: site.id, name: building.name, address: site.address }, DEMO);
      }
      const entrances = new Map((await store.listEntrances(EVERY_SITE, site.id, building.id))?.map((e) => [e.number, e.id]));
      for (const entrance of building.entrances) {
        if (entrances.has(entrance.number)) continue;
        await store.createEntrance(EVERY_SITE, site.id, { id: entrance.id, buildingId: building.id, number: entrance.number }, DEMO);
        entrances.set(entrance.number, entrance.id);
      }
      for (const { entrance, ...unit } of building.units) {
        loaded.add(unit.id);
        units += 1;
        if (await store.findUnit(EVERY_SITE, unit.id)) continue;
        await store.createUnit(EVERY_SITE, site.id, { ...unit, buildingId: building.id, entranceId: entrances.get(entrance) ?? '' }, DEMO);
      }
    }
  }
  const residencies = demoResidencies.filter((r) => loaded.has(r.unitId));
  for (const residency of residencies) await store.saveResidency(residency, (others) => checkResidency(residency, others), DEMO);
  return `${units} estate units, ${residencies.length} residencies`;
}

/** The residents' portal demo: the realm's resident accounts (attribute `clientId`) linked to their clients by subject, as an invitation would. Idempotent. */
export async function loadPortalDemoData(pool: Pool): Promise<string> {
  const residents = readRealmUsers().filter((u) => u.clientId);
  for (const user of residents) {
    await pool.query(
      "INSERT INTO portal_accounts (subject, client_id, linked_via, linked_at) VALUES ($1, $2, 'realm', now()) ON CONFLICT (subject) DO NOTHING",
      [user.id, user.clientId],
    );
  }
  return `${residents.length} resident accounts`;
}
