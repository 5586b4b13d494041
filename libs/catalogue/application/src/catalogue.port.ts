import type { Service, WorkGroup } from '@switchboard/catalogue/domain';

export interface ServiceView extends Service {
  readonly workGroupName: string;
}

/** Read and upsert access to the reference data; adapters live in the catalogue infrastructure. */
export interface CatalogueRepository {
  listServices(): Promise<ServiceView[]>;
  upsertWorkGroups(groups: readonly WorkGroup[]): Promise<void>;
  upsertServices(services: readonly Service[]): Promise<void>;
}

export const CATALOGUE_REPOSITORY = Symbol('CatalogueRepository');
