import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository, ServiceView } from '@switchboard/catalogue';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('services')
export class ServicesController {
  constructor(@Inject(CATALOGUE_REPOSITORY) private readonly catalogue: CatalogueRepository) {}

  @Get()
  @ApiOperation({ summary: 'The service catalogue with each service’s work group, for choosing an incident’s service.' })
  async list(): Promise<{ items: ServiceView[] }> {
    return { items: await this.catalogue.listServices() };
  }
}
