import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, ZodQuery } from '@switchboard/platform';
import { SavedFilters } from '@switchboard/read-models';
import type { SavedFilter } from '@switchboard/read-models';
import { entityId } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { saveFilterBody, savedFilterAnswer, savedFiltersAnswer } from './saved-filter.schemas';

const listParams = z.object({ resource: z.enum(['requests', 'incidents']).optional() });

@ApiTags('me')
@ApiBearerAuth()
@Problems(400, 401)
@Controller('me/filters')
export class SavedFiltersController {
  constructor(@Inject(SavedFilters) private readonly filters: SavedFilters) {}

  @Get()
  @Operation('listSavedFilters', 'The caller’s saved list filters.')
  @Responds(200, savedFiltersAnswer, 'The caller’s filters.')
  async list(@CurrentPrincipal() principal: Principal, @ZodQuery(listParams) query: z.output<typeof listParams>): Promise<{ items: SavedFilter[] }> {
    return { items: await this.filters.list(principal, query.resource) };
  }

  @Post()
  @HttpCode(201)
  @Operation('saveFilter', 'Save a list filter under a name (the same name replaces it); the filters are the list’s own query parameters.')
  @Responds(201, savedFilterAnswer, 'Saved.')
  @Problems(413)
  save(@CurrentPrincipal() principal: Principal, @ZodBody(saveFilterBody) input: z.output<typeof saveFilterBody>): Promise<SavedFilter> {
    return answering(() => this.filters.save(principal, input));
  }

  @Delete(':id')
  @HttpCode(204)
  @Operation('deleteSavedFilter', 'Delete one of the caller’s saved filters.')
  @Responds(204, null, 'Deleted.')
  @Problems(404)
  async remove(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string): Promise<void> {
    if (!(await this.filters.delete(principal, id))) throw notFound('saved filter', id);
  }
}
