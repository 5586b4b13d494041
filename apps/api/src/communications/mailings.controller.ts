import { Controller, Get, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { PG_POOL } from '@switchboard/app-runtime';
import { communicationsAccess, demand, MAILING_STORE, MailingNotFoundError, Mailings } from '@switchboard/communications';
import type { MailingStore } from '@switchboard/communications';
import type { Mailing } from '@switchboard/communications/domain';
import { listMailings } from '@switchboard/communications/infrastructure';
import { CurrentPrincipal } from '@switchboard/identity';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, ZodQuery } from '@switchboard/platform';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId, positiveInt } from '../http/inputs';
import { mailingAnswer, mailingListAnswer } from './mailing.answers';
import { cancelMailingBody, mailingBody, mailingStepBody } from './mailing.bodies';
import { CommunicationsProblemsInterceptor } from './communications-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

const KEY = { name: 'Idempotency-Key', required: true, description: 'Client-generated; resubmitting answers the same mailing.' };
const listParams = z.object({ limit: positiveInt.max(500, 'must be at most 500').optional() });
const pageParams = z.object({
  afterSeq: z.coerce.number().int().min(0).optional().describe('Recipients after this position (the previous page’s `nextAfterSeq`).'),
  limit: positiveInt.max(500, 'must be at most 500').optional(),
});

/**
 * Mailings [Рассылка] (ADR 0026): CommunicationsAdmin, or the HelpDeskManagers of the mailing's
 * department, create one, start it (the audience is frozen then) and cancel it; its progress and
 * recipients' statuses are read here while it runs in the background.
 */
@ApiTags('mailings')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller('mailings')
export class MailingsController {
  constructor(
    @Inject(Mailings) private readonly mailings: Mailings,
    @Inject(MAILING_STORE) private readonly store: MailingStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiHeader(KEY)
  @Operation('createMailing', 'A mailing as a draft: audience, template, communication type, channel policy, schedule and throttle.')
  @Responds(201, mailingAnswer, 'The draft.')
  @Problems(404, 409, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(mailingBody) input: z.output<typeof mailingBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.managesDepartment(principal, input.department), `you may not send mailings from ${input.department}`);
    const envelope = commandEnvelopeFrom(headers, { action: 'createMailing', input });
    const mailing = await this.mailings.create(
      {
        name: input.name,
        department: input.department,
        audience: input.audience,
        templateId: input.templateId,
        ...(input.variables ? { variables: input.variables } : {}),
        communicationType: input.communicationType,
        ...(input.channel ? { channel: input.channel } : {}),
        ...(input.startAt ? { startAt: new Date(input.startAt).toISOString() } : {}),
        perMinute: input.perMinute,
      },
      principal.username,
      envelope,
    );
    res.setHeader('Location', `/mailings/${mailing.id}`);
    return this.card(mailing.id, res);
  }

  @Get()
  @Operation('listMailings', 'Mailings of the departments you manage (all for CommunicationsAdmin), newest first.')
  @Responds(200, mailingListAnswer, 'The mailings.')
  async list(@CurrentPrincipal() principal: Principal, @ZodQuery(listParams) query: z.output<typeof listParams>): Promise<object> {
    const departments = this.managed(principal);
    if (departments && departments.length === 0) return { items: [] };
    return { items: await listMailings(this.pool, { ...(departments ? { departments } : {}), limit: query.limit ?? 100 }) };
  }

  @Get(':id')
  @Operation('getMailing', 'One mailing with its progress and a page of its recipients with their statuses.')
  @Responds(200, mailingAnswer, 'The mailing; the ETag is its revision.')
  @Problems(404)
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @ZodQuery(pageParams) page: z.output<typeof pageParams>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.visible(principal, id);
    return this.card(id, res, page);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('startMailing', 'Freeze the audience into the recipient list and start sending in the background (at its start time, when it has one).')
  @Responds(200, mailingAnswer, 'Running.')
  @Problems(404, 409)
  async start(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(mailingStepBody) input: z.output<typeof mailingStepBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    return this.step(principal, id, res, (by) => this.mailings.start(id, by, commandEnvelopeFrom(headers, { action: `startMailing:${id}`, input })));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('pauseMailing', 'Hold a running mailing: no further recipient is handed on until it is resumed (a batch in flight finishes first).')
  @Responds(200, mailingAnswer, 'Paused.')
  @Problems(404, 409)
  async pause(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(mailingStepBody) input: z.output<typeof mailingStepBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    return this.step(principal, id, res, (by) => this.mailings.pause(id, by, commandEnvelopeFrom(headers, { action: `pauseMailing:${id}`, input })));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('resumeMailing', 'Go on with a paused mailing from where it stopped.')
  @Responds(200, mailingAnswer, 'Running again.')
  @Problems(404, 409)
  async resume(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(mailingStepBody) input: z.output<typeof mailingStepBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    return this.step(principal, id, res, (by) => this.mailings.resume(id, by, commandEnvelopeFrom(headers, { action: `resumeMailing:${id}`, input })));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('cancelMailing', 'Stop it: nothing more is sent once this answers; recipients not yet handed on are marked cancelled.')
  @Responds(200, mailingAnswer, 'Cancelled.')
  @Problems(404, 409)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(cancelMailingBody) input: z.output<typeof cancelMailingBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.visible(principal, id);
    await this.mailings.cancel(id, principal.username, commandEnvelopeFrom(headers, { action: `cancelMailing:${id}`, input }), input.reason);
    return this.card(id, res);
  }

  /** Undefined: every department; otherwise the departments the caller manages. */
  private managed(principal: Principal): readonly string[] | undefined {
    if (communicationsAccess.administersReferenceData(principal)) return undefined;
    return holds(principal, 'communications.manage:department') ? principal.departments : [];
  }

  /** The mailing, when the caller may see it: 403 for a role that never may, 404 for another department's. */
  private async visible(principal: Principal, id: string): Promise<Mailing> {
    const departments = this.managed(principal);
    demand(departments === undefined || departments.length > 0, 'mailings are for CommunicationsAdmin and HelpDeskManagers');
    const mailing = await this.mailings.find(id);
    if (!mailing || (departments && !departments.includes(mailing.department))) throw new MailingNotFoundError(id);
    return mailing;
  }

  private async card(id: string, res: Response, page: { afterSeq?: number; limit?: number } = {}): Promise<object> {
    const mailing = await this.mailings.find(id);
    if (!mailing) throw new MailingNotFoundError(id);
    const limit = page.limit ?? 50;
    const [progress, items] = await Promise.all([
      this.store.progress(id),
      this.store.recipients(id, { ...(page.afterSeq !== undefined ? { afterSeq: page.afterSeq } : {}), limit }),
    ]);
    res.setHeader('ETag', `"${mailing.revision}"`);
    return {
      id: mailing.id,
      name: mailing.name,
      department: mailing.department,
      status: mailing.status,
      templateId: mailing.templateId,
      communicationType: mailing.communicationType,
      perMinute: mailing.perMinute,
      ...(mailing.startAt ? { startAt: mailing.startAt } : {}),
      ...(mailing.recipients !== undefined ? { recipients: mailing.recipients } : {}),
      createdBy: mailing.createdBy,
      audience: mailing.audience,
      ...(mailing.variables ? { variables: mailing.variables } : {}),
      ...(mailing.channel ? { channel: mailing.channel } : {}),
      revision: mailing.revision,
      progress,
      recipientsPage: { items, ...(items.length === limit ? { nextAfterSeq: items[items.length - 1].seq } : {}) },
    };
  }

  /** Start, pause and resume: the caller must see the mailing; the answer is its card after the step. */
  private async step(principal: Principal, id: string, res: Response, run: (by: string) => Promise<unknown>): Promise<object> {
    await this.visible(principal, id);
    await run(principal.username);
    return this.card(id, res);
  }
}
