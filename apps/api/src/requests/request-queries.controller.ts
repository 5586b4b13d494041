import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { RequestQueries } from '@switchboard/read-models';
import type { CursorPage, RequestDetail, RequestListItem } from '@switchboard/read-models';
import { channels, requestStatuses } from '@switchboard/service-desk/domain';
import { answering, isoDate, listOf, notFound, positiveInt, sortParam, validateQuery } from '../http/list-query';

const listParams = z.object({
  state: listOf(requestStatuses).optional(),
  assignee: z.string().min(1).optional(),
  channel: listOf(channels).optional(),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: sortParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: positiveInt.max(100, 'must be at most 100').optional(),
  minPosition: z.string().max(100).optional(),
});

const byIdParams = z.object({ minPosition: z.string().max(100).optional() });

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestQueriesController {
  constructor(@Inject(RequestQueries) private readonly requests: RequestQueries) {}

  @Get()
  @ApiOperation({ summary: 'Requests the caller may see, newest activity first; keyset pagination with `cursor`. `assignee=me|none|<user id>`.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<CursorPage<RequestListItem>> {
    const { cursor, assignee, ...filters } = validateQuery(listParams, query);
    const who = assignee === 'me' ? principal.userId : assignee === 'none' ? null : assignee;
    return answering(() => this.requests.list(principal, { ...filters, assignee: who }, cursor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One request with its conversation, status history and linked incident; ETag is its revision.' })
  async byId(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<RequestDetail> {
    const { minPosition } = validateQuery(byIdParams, query);
    const request = await answering(() => this.requests.byId(principal, id, { minPosition }));
    if (!request) throw notFound('request', id);
    res.setHeader('ETag', `"${request.revision}"`);
    return request;
  }
}
