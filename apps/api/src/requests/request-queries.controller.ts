import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { permissionsOf } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodParam, ZodQuery } from '@switchboard/platform';
import { RequestQueries } from '@switchboard/read-models';
import type { CursorPage, RequestListItem } from '@switchboard/read-models';
import { mayAssignRequest, mayTakeRequest } from '@switchboard/service-desk';
import { requestActionsFor, setsPriority } from '@switchboard/service-desk/domain';
import { entityId, minPosition } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { requestDetailAnswer, requestPageAnswer } from './request.answers';
import type { RequestDetailAnswer } from './request.answers';
import { requestListParams } from './request-list.params';

const byIdParams = z.object({ minPosition: minPosition.optional() });

@ApiTags('requests')
@ApiBearerAuth()
@Problems(400, 401, 503)
@Controller('requests')
export class RequestQueriesController {
  constructor(@Inject(RequestQueries) private readonly requests: RequestQueries) {}

  @Get()
  @Operation('listRequests', 'Requests the caller may see, newest activity first; keyset pagination with `cursor`.')
  @Responds(200, requestPageAnswer, 'A page of requests.')
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(requestListParams) query: z.output<typeof requestListParams>): Promise<CursorPage<RequestListItem>> {
    const { cursor, assignee, ...filters } = query;
    const who = assignee === 'me' ? principal.userId : assignee === 'none' ? null : assignee;
    return answering(() => this.requests.list(principal, { ...filters, assignee: who }, cursor));
  }

  @Get(':id')
  @Operation('getRequest', 'One request with its conversation, history, incidents and the actions the caller may take now; the ETag is its revision.')
  @Responds(200, requestDetailAnswer, 'The request.')
  @Problems(404)
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @ZodQuery(byIdParams) query: z.output<typeof byIdParams>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RequestDetailAnswer> {
    const request = await answering(() => this.requests.byId(principal, id, { minPosition: query.minPosition }));
    if (!request) throw notFound('request', id);
    res.setHeader('ETag', `"${request.revision}"`);
    const ofMyDepartment = request.department !== null && principal.departments.includes(request.department);
    const place = { department: request.department ?? undefined, siteSlug: request.siteSlug };
    const allowedActions = requestActionsFor(request.state, {
      mayChange: request.access === 'full',
      clientLinked: request.clientId !== null,
      mayTake: request.assigneeId === null && mayTakeRequest(principal, place),
      mayAssign: mayAssignRequest(principal, place),
      maySetPriority: setsPriority(permissionsOf(principal), 'request') && ofMyDepartment,
    });
    return { ...request, allowedActions };
  }
}
