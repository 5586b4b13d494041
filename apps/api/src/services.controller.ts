import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository, ServiceView } from '@switchboard/catalogue';
import { Operation, Problems, Responds, answerSchema } from '@switchboard/platform';
import { sameShape } from './http/same-shape';

const serviceAnswer = answerSchema(
  'Service',
  z.object({ code: z.number().int(), name: z.string(), workGroupCode: z.number().int(), workGroupName: z.string() }),
);
const servicesAnswer = answerSchema('Services', z.object({ items: z.array(serviceAnswer) }));

sameShape<z.output<typeof serviceAnswer>, ServiceView>(true);

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('services')
export class ServicesController {
  constructor(@Inject(CATALOGUE_REPOSITORY) private readonly catalogue: CatalogueRepository) {}

  @Get()
  @Operation('listServices', 'The service catalogue with each service’s work group, for choosing an incident’s service.')
  @Responds(200, servicesAnswer, 'Every service.')
  @Problems(401)
  async list(): Promise<{ items: ServiceView[] }> {
    return { items: await this.catalogue.listServices() };
  }
}
