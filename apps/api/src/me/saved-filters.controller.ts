import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { SavedFilters } from '@switchboard/read-models';
import type { SavedFilter } from '@switchboard/read-models';
import { notFound, validateQuery } from '../http/list-query';
import { validateBody } from '../http/validate-body';

const resource = z.enum(['requests', 'incidents']);
const saveBody = z.object({
  resource,
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  filters: z.record(z.string(), z.unknown()),
});

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/filters')
export class SavedFiltersController {
  constructor(@Inject(SavedFilters) private readonly filters: SavedFilters) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s saved list filters.' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: SavedFilter[] }> {
    const params = validateQuery(z.object({ resource: resource.optional() }), query);
    return { items: await this.filters.list(principal, params.resource) };
  }

  @Post()
  @HttpCode(201)
  save(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<SavedFilter> {
    return this.filters.save(principal, validateBody(saveBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.filters.delete(principal, id))) throw notFound('saved filter', id);
  }
}
