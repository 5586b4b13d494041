import { Controller, Delete, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, SWITCHBOARD_CONFIG, ZodBody, ZodParam, ZodQuery } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ProblemQueries } from '@switchboard/read-models';
import type { ProblemListItem } from '@switchboard/read-models';
import { ProblemCommands } from '@switchboard/service-desk';
import type { ServiceProblemThreshold } from '@switchboard/service-desk';
import { problemStatuses } from '@switchboard/service-desk/domain';
import { accepted, acceptedAnswer } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId, listOf, minPosition, positiveInt } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { problemDetailAnswer, problemListAnswer, problemThresholdAnswer, problemThresholdListAnswer } from './problem.answers';
import type { ProblemDetailAnswer, ProblemThresholdAnswer } from './problem.answers';
import { closeProblemBody, linkIncidentsBody, linkRequestsBody, openProblemBody, problemThresholdBody, resolveProblemBody } from './problem.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;

const listParams = z.object({
  state: listOf(problemStatuses).optional().describe('One state or several (comma-separated or repeated).'),
  service: positiveInt.optional().describe('Service code.'),
  requestId: entityId.optional().describe('Only the problem(s) this request is linked to.'),
  incidentId: entityId.optional().describe('Only the problem(s) this incident is linked to.'),
  limit: positiveInt.max(500, 'must be at most 500').optional(),
  minPosition: minPosition.optional(),
});
const byIdParams = z.object({ minPosition: minPosition.optional() });
const serviceCodeParam = z.coerce.number().int('must be a whole number').positive('must be positive');

const thresholdAnswer = (t: ServiceProblemThreshold): ProblemThresholdAnswer => ({
  serviceCode: t.serviceCode,
  incidents: t.incidents,
  windowMinutes: t.windowMinutes,
  updatedBy: t.updatedBy,
  updatedAt: t.updatedAt.toISOString(),
});

/**
 * Problems (mass incidents, ADR 0022): everyone who works the service desk reads them; the
 * managers of the help desk and of L3 open, link, resolve and close them (others get 403).
 */
@ApiTags('problems')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller()
export class ProblemsController {
  constructor(
    @Inject(ProblemCommands) private readonly problems: ProblemCommands,
    @Inject(ProblemQueries) private readonly queries: ProblemQueries,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Get('problems')
  @Operation('listProblems', 'Problems, newest first; `requestId` / `incidentId` find the problem a request or incident is linked to.')
  @Responds(200, problemListAnswer, 'The problems.')
  async list(@CurrentPrincipal() principal: Principal, @ZodQuery(listParams) query: z.output<typeof listParams>): Promise<{ items: ProblemListItem[] }> {
    const { service, ...filters } = query;
    return { items: await answering(() => this.queries.list(principal, { ...filters, serviceCode: service })) };
  }

  @Get('problems/:id')
  @Operation('getProblem', 'One problem with its linked incidents and requests and the actions the caller may take; the ETag is its revision.')
  @Responds(200, problemDetailAnswer, 'The problem.')
  @Problems(404)
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @ZodQuery(byIdParams) query: z.output<typeof byIdParams>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProblemDetailAnswer> {
    const problem = await answering(() => this.queries.byId(principal, id, { minPosition: query.minPosition }));
    if (!problem) throw notFound('problem', id);
    res.setHeader('ETag', `"${problem.revision}"`);
    return problem;
  }

  @Post('problems')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id; resubmitting it answers the same problem.' })
  @Operation('openProblem', 'Open a problem by hand for a service (managers); new incidents of the service link to it while it is open.')
  @Responds(202, acceptedAnswer, 'Opened; `id` is the problem.')
  @Problems(409, 413, 422)
  async open(
    @CurrentPrincipal() p: Principal,
    @Headers() h: HeaderBag,
    @ZodBody(openProblemBody) input: z.output<typeof openProblemBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: 'problems.open', input });
    const opened = await this.problems.open(p, input, envelope);
    res.setHeader('Location', `/problems/${opened.problemId}`);
    return accepted(res, opened.problemId, opened);
  }

  @Post('problems/:id/incidents')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision the manager saw (ETag); a stale one answers 409.' })
  @Operation('linkProblemIncidents', 'Link incidents to the problem (managers); those linked already are skipped.')
  @Responds(202, acceptedAnswer, 'Linked.')
  @Problems(404, 409, 413, 422)
  async linkIncidents(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(linkIncidentsBody) input: z.output<typeof linkIncidentsBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `problems.incidents:${id}`, input });
    return accepted(res, id, await this.problems.linkIncidents(p, id, input.ids, envelope));
  }

  @Post('problems/:id/requests')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision the manager saw (ETag); a stale one answers 409.' })
  @Operation(
    'linkProblemRequests',
    'Link open requests to the problem in bulk (managers; e.g. rows selected in a queue): closing the problem closes them and tells each client once.',
  )
  @Responds(202, acceptedAnswer, 'Linked.')
  @Problems(404, 409, 413, 422)
  async linkRequests(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(linkRequestsBody) input: z.output<typeof linkRequestsBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `problems.requests:${id}`, input });
    return accepted(res, id, await this.problems.linkRequests(p, id, input.ids, envelope));
  }

  @Post('problems/:id/resolve')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id.' })
  @Operation('resolveProblem', 'Record the cause and the fix (managers); the problem still collects late reports until it is closed.')
  @Responds(202, acceptedAnswer, 'Resolved.')
  @Problems(404, 409, 413, 422)
  async resolve(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(resolveProblemBody) input: z.output<typeof resolveProblemBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `problems.resolve:${id}`, input });
    return accepted(res, id, await this.problems.resolve(p, id, input.resolution, envelope));
  }

  @Post('problems/:id/close')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision the manager saw (ETag); a stale one answers 409.' })
  @Operation(
    'closeProblem',
    'Close the problem (managers): every linked incident is resolved and closed and every linked request closed, each client told once on their channel.',
  )
  @Responds(202, acceptedAnswer, 'Closed; the incidents and requests follow through the process managers.')
  @Problems(404, 409, 413, 422)
  async close(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(closeProblemBody) input: z.output<typeof closeProblemBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `problems.close:${id}`, input });
    return accepted(res, id, await this.problems.close(p, id, input.resolution, envelope));
  }

  @Get('problem-thresholds')
  @Operation('listProblemThresholds', 'When incidents open a problem automatically: the default (configuration) and the services with their own.')
  @Responds(200, problemThresholdListAnswer, 'The thresholds.')
  async thresholds(): Promise<{ default: ProblemThresholdAnswer; services: ProblemThresholdAnswer[] }> {
    const { thresholdIncidents, windowMinutes } = this.config.problems;
    return {
      default: { serviceCode: null, incidents: thresholdIncidents, windowMinutes, updatedBy: null, updatedAt: null },
      services: (await this.problems.listThresholds()).map(thresholdAnswer),
    };
  }

  @Put('problem-thresholds/:serviceCode')
  @Operation('setProblemThreshold', 'Set the service’s own threshold (managers).')
  @Responds(200, problemThresholdAnswer, 'Set.')
  @Problems(413, 422)
  async setThreshold(
    @CurrentPrincipal() p: Principal,
    @ZodParam('serviceCode', serviceCodeParam) serviceCode: number,
    @ZodBody(problemThresholdBody) input: z.output<typeof problemThresholdBody>,
  ): Promise<ProblemThresholdAnswer> {
    return thresholdAnswer(await this.problems.setThreshold(p, serviceCode, input));
  }

  @Delete('problem-thresholds/:serviceCode')
  @HttpCode(204)
  @Operation('removeProblemThreshold', 'Drop the service’s own threshold: the default applies again (managers).')
  @Responds(204, null, 'Removed.')
  @Problems(404)
  async removeThreshold(@CurrentPrincipal() p: Principal, @ZodParam('serviceCode', serviceCodeParam) serviceCode: number): Promise<void> {
    if (!(await this.problems.removeThreshold(p, serviceCode))) throw notFound('problem threshold', String(serviceCode));
  }
}
