import type { CatalogueRepository } from '@switchboard/catalogue';
import { directoryGroupOf } from '@switchboard/catalogue/domain';
import type { WorkGroupDirectory } from '@switchboard/service-desk';

export class CatalogueWorkGroupDirectory implements WorkGroupDirectory {
  constructor(private readonly catalogue: CatalogueRepository) {}

  async groupOf(workGroupCode: number): Promise<string | undefined> {
    const group = await this.catalogue.findWorkGroup(workGroupCode);
    return group ? directoryGroupOf(group.name) : undefined;
  }
}
