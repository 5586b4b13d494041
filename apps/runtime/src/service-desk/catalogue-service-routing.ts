import type { CatalogueRepository } from '@switchboard/catalogue';
import type { ServiceRoute, ServiceRouting } from '@switchboard/service-desk';

/** The service desk asks the catalogue where a service's incidents go. */
export class CatalogueServiceRouting implements ServiceRouting {
  constructor(private readonly catalogue: CatalogueRepository) {}

  async routeFor(serviceCode: number): Promise<ServiceRoute | undefined> {
    const service = await this.catalogue.findService(serviceCode);
    return service ? { serviceCode, workGroupCode: service.workGroupCode } : undefined;
  }
}
