import type { Service, WorkGroup } from '@switchboard/catalogue/domain';

export interface ServiceView extends Service {
  readonly workGroupName: string;
}

/** What an upsert did: a new row, a changed row, or nothing because the row was already so. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Read and upsert access to the reference data; adapters live in the catalogue infrastructure. */
export interface CatalogueRepository {
  listServices(): Promise<ServiceView[]>;
  findService(code: number): Promise<ServiceView | undefined>;
  findWorkGroup(code: number): Promise<WorkGroup | undefined>;
  upsertWorkGroup(group: WorkGroup): Promise<UpsertOutcome>;
  /** The service's work group must exist. */
  upsertService(service: Service): Promise<UpsertOutcome>;
  upsertWorkGroups(groups: readonly WorkGroup[]): Promise<void>;
  upsertServices(services: readonly Service[]): Promise<void>;
}

export const CATALOGUE_REPOSITORY = Symbol('CatalogueRepository');
