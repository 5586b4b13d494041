import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { IncidentQueries } from '@switchboard/read-models';
import type { CursorPage, IncidentDetail, IncidentListItem } from '@switchboard/read-models';
import { incidentStatuses } from '@switchboard/service-desk/domain';
import { answering, listOf, notFound, positiveInt, sortParam, validateQuery } from '../http/list-query';

const listParams = z.object({
  state: listOf(incidentStatuses).optional(),
  assignee: z.string().min(1).optional(),
  workGroup: positiveInt.optional(),
  service: positiveInt.optional(),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  q: z.string().trim().max(200).optional(),
  sort: sortParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: positiveInt.max(100, 'must be at most 100').optional(),
  minPosition: z.string().max(100).optional(),
});

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentQueriesController {
  constructor(@Inject(IncidentQueries) private readonly incidents: IncidentQueries) {}

  @Get()
  @ApiOperation({ summary: 'Incidents the caller may see; keyset pagination with `cursor`. `assignee=me|none|<user id>`.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<CursorPage<IncidentListItem>> {
    const { cursor, assignee, ...filters } = validateQuery(listParams, query);
    const who = assignee === 'me' ? principal.userId : assignee === 'none' ? null : assignee;
    return answering(() => this.incidents.list(principal, { ...filters, assignee: who }, cursor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident with its narrative and status history; ETag is its revision.' })
  async byId(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<IncidentDetail> {
    const { minPosition } = validateQuery(z.object({ minPosition: z.string().max(100).optional() }), query);
    const incident = await answering(() => this.incidents.byId(principal, id, { minPosition }));
    if (!incident) throw notFound('incident', id);
    res.setHeader('ETag', `"${incident.revision}"`);
    return incident;
  }
}
