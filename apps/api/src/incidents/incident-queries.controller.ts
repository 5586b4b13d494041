import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { permissionsOf } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodParam, ZodQuery } from '@switchboard/platform';
import { IncidentQueries } from '@switchboard/read-models';
import type { CursorPage, IncidentListItem } from '@switchboard/read-models';
import { worksIncidentQueues } from '@switchboard/service-desk';
import { incidentActionsFor, setsPriority } from '@switchboard/service-desk/domain';
import { entityId, minPosition } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { incidentDetailAnswer, incidentPageAnswer } from './incident.answers';
import type { IncidentDetailAnswer } from './incident.answers';
import { incidentListParams } from './incident-list.params';

const byIdParams = z.object({ minPosition: minPosition.optional() });

@ApiTags('incidents')
@ApiBearerAuth()
@Problems(400, 401, 503)
@Controller('incidents')
export class IncidentQueriesController {
  constructor(@Inject(IncidentQueries) private readonly incidents: IncidentQueries) {}

  @Get()
  @Operation('listIncidents', 'Incidents the caller may see; keyset pagination with `cursor`.')
  @Responds(200, incidentPageAnswer, 'A page of incidents.')
  list(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(incidentListParams) query: z.output<typeof incidentListParams>,
  ): Promise<CursorPage<IncidentListItem>> {
    const { cursor, assignee, ...filters } = query;
    const who = assignee === 'me' ? principal.userId : assignee === 'none' ? null : assignee;
    return answering(() => this.incidents.list(principal, { ...filters, assignee: who }, cursor));
  }

  @Get(':id')
  @Operation('getIncident', 'One incident with its narrative, history, request and the actions the caller may take now; the ETag is its revision.')
  @Responds(200, incidentDetailAnswer, 'The incident.')
  @Problems(404)
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @ZodQuery(byIdParams) query: z.output<typeof byIdParams>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentDetailAnswer> {
    const incident = await answering(() => this.incidents.byId(principal, id, { minPosition: query.minPosition }));
    if (!incident) throw notFound('incident', id);
    res.setHeader('ETag', `"${incident.revision}"`);
    // An L3 engineer sees an unassigned incident only in their own work group's queue.
    const allowedActions = incidentActionsFor(incident.state, {
      mayChange: incident.access === 'full',
      mayTake: worksIncidentQueues(principal) && incident.assigneeId === null,
      maySetPriority: setsPriority(permissionsOf(principal), 'incident'),
    });
    return { ...incident, allowedActions };
  }
}
