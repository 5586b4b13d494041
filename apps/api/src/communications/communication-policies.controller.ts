import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { COMMUNICATION_POLICIES, PolicyNotFoundError, communicationsAccess, demand } from '@switchboard/communications';
import { deterministicUuid } from '@switchboard/eventstore';
import type { CommunicationPolicies, RateLimitDraft, StoredAvailability } from '@switchboard/communications';
import { communicationChannels } from '@switchboard/communications/domain';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { entityId, text } from '../http/inputs';
import {
  availabilityAnswer,
  channelPreferenceAnswer,
  communicationChannelAnswer,
  communicationChannelListAnswer,
  communicationTypeAnswer,
  communicationTypeListAnswer,
  departmentPoliciesAnswer,
  rateLimitAnswer,
} from './communication.answers';
import {
  availabilityBody,
  channelPreferenceBody,
  communicationChannelBody,
  communicationTypeBody,
  communicationTypeUpdateBody,
  rateLimitBody,
} from './communication.bodies';
import { CommunicationsProblemsInterceptor } from './communications-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version the editor saw, as in the ETag; a stale one answers 409.' };
const codeParam = z.string().regex(/^[a-z][a-z0-9-]{1,49}$/, 'must be a code');
const departmentParam = text(100);
const channelParam = z.enum(communicationChannels);

const etag = <T extends { version: number }>(res: Response, value: T): T => {
  res.setHeader('ETag', `"${value.version}"`);
  return value;
};
const change = (principal: Principal, reason?: string) => ({ by: principal.username, at: new Date(), ...(reason ? { reason } : {}) });

function draftOf(input: z.output<typeof rateLimitBody>): RateLimitDraft {
  return {
    limit: input.limit,
    unit: input.unit,
    units: input.units,
    ...(input.types?.length ? { types: input.types } : {}),
    overLimit: input.overLimit ?? 'book',
  };
}

/**
 * The communications' reference data and policies (ADR 0023): every operator reads them;
 * CommunicationsAdmin changes types and channels; a department's help-desk managers (and
 * CommunicationsAdmin) its preferred channels and rate limits; clients' availability is set by
 * managers and CommunicationsAdmin, every change logged with who and when.
 */
@ApiTags('communications')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller()
export class CommunicationPoliciesController {
  constructor(@Inject(COMMUNICATION_POLICIES) private readonly policies: CommunicationPolicies) {}

  @Get('communication-types')
  @Operation('listCommunicationTypes', 'The communication types [Тип коммуникации] with their policy flags.')
  @Responds(200, communicationTypeListAnswer, 'The types.')
  async types(): Promise<object> {
    return { items: await this.policies.types() };
  }

  @Post('communication-types')
  @HttpCode(201)
  @Operation('createCommunicationType', 'Add a communication type (CommunicationsAdmin).')
  @Responds(201, communicationTypeAnswer, 'Created; the ETag is its version.')
  @Problems(409)
  async createType(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(communicationTypeBody) input: z.output<typeof communicationTypeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), 'only CommunicationsAdmin changes communication types');
    return etag(res, await this.policies.createType(input, change(principal)));
  }

  @Put('communication-types/:code')
  @ApiHeader(IF_MATCH)
  @Operation('updateCommunicationType', 'Change a communication type: its name, status and flags (CommunicationsAdmin).')
  @Responds(200, communicationTypeAnswer, 'The type as changed.')
  @Problems(404, 409)
  async updateType(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('code', codeParam) code: string,
    @Headers() headers: HeaderBag,
    @ZodBody(communicationTypeUpdateBody) input: z.output<typeof communicationTypeUpdateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), 'only CommunicationsAdmin changes communication types');
    return etag(res, await this.policies.updateType(code, input, expectedRevisionFrom(headers), change(principal)));
  }

  @Get('communication-channels')
  @Operation('listCommunicationChannels', 'The communication channels [Канал коммуникации]: SMS, messenger (Telegram), email, push.')
  @Responds(200, communicationChannelListAnswer, 'The channels.')
  async channels(): Promise<object> {
    return { items: await this.policies.channels() };
  }

  @Put('communication-channels/:code')
  @ApiHeader(IF_MATCH)
  @Operation('updateCommunicationChannel', 'Rename, block or unblock a channel (CommunicationsAdmin); a blocked channel is passed over.')
  @Responds(200, communicationChannelAnswer, 'The channel as changed.')
  @Problems(404, 409)
  async updateChannel(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('code', channelParam) code: (typeof communicationChannels)[number],
    @Headers() headers: HeaderBag,
    @ZodBody(communicationChannelBody) input: z.output<typeof communicationChannelBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), 'only CommunicationsAdmin changes communication channels');
    return etag(res, await this.policies.updateChannel(code, input, expectedRevisionFrom(headers), change(principal)));
  }

  @Get('departments/:department/communication-policies')
  @Operation('getDepartmentCommunicationPolicies', 'A department’s preferred channels per type and its rate limits [Правила коммуникации].')
  @Responds(200, departmentPoliciesAnswer, 'The policies.')
  async departmentPolicies(@CurrentPrincipal() principal: Principal, @ZodParam('department', departmentParam) department: string): Promise<object> {
    const [preferences, rateLimits] = await Promise.all([this.policies.preferences(department), this.policies.rateLimits(department)]);
    return {
      department,
      preferences,
      rateLimits: rateLimits.map((r) => ({ ...r, overLimit: r.overLimit ?? 'book' })),
      access: communicationsAccess.managesDepartment(principal, department) ? 'full' : 'read',
    };
  }

  @Put('departments/:department/communication-preferences/:type')
  @ApiHeader({ ...IF_MATCH, description: 'The version the editor saw; `0` (or none) to create.' })
  @Operation('setChannelPreference', 'Set the channels a department prefers for a type, in order [Предпочитаемые каналы связи].')
  @Responds(200, channelPreferenceAnswer, 'The preference as set.')
  @Problems(409)
  async setPreference(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @ZodParam('type', codeParam) type: string,
    @Headers() headers: HeaderBag,
    @ZodBody(channelPreferenceBody) input: z.output<typeof channelPreferenceBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.managesDepartment(principal, department), `only the managers of ${department} and CommunicationsAdmin set its preferences`);
    return etag(res, await this.policies.setPreference(department, type, input.channels, expectedRevisionFrom(headers), change(principal)));
  }

  @Delete('departments/:department/communication-preferences/:type')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @Operation('deleteChannelPreference', 'Drop a department’s preference for a type (the default order applies again).')
  @Responds(204, null, 'Deleted.')
  @Problems(404, 409)
  async removePreference(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @ZodParam('type', codeParam) type: string,
    @Headers() headers: HeaderBag,
  ): Promise<void> {
    demand(communicationsAccess.managesDepartment(principal, department), `only the managers of ${department} and CommunicationsAdmin set its preferences`);
    await this.policies.removePreference(department, type, expectedRevisionFrom(headers), change(principal));
  }

  @Post('departments/:department/communication-rate-limits')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting a create with the same key answers the limit it made.' })
  @Operation('createRateLimit', 'Add a rate limit: at most `limit` communications to one client per `units` × `unit`.')
  @Responds(201, rateLimitAnswer, 'Created; the ETag is its version.')
  async createRateLimit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @Headers() headers: HeaderBag,
    @ZodBody(rateLimitBody) input: z.output<typeof rateLimitBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.managesDepartment(principal, department), `only the managers of ${department} and CommunicationsAdmin set its limits`);
    const key = headers['idempotency-key'];
    const id = typeof key === 'string' && key.trim() ? deterministicUuid(`rate-limit:${principal.userId}:${key.trim()}`) : randomUUID();
    const limit = await this.policies.createRateLimit(id, department, draftOf(input), change(principal));
    res.setHeader('Location', `/departments/${encodeURIComponent(department)}/communication-rate-limits/${limit.id}`);
    return etag(res, limit);
  }

  @Put('departments/:department/communication-rate-limits/:id')
  @ApiHeader(IF_MATCH)
  @Operation('updateRateLimit', 'Change a department’s rate limit.')
  @Responds(200, rateLimitAnswer, 'The limit as changed.')
  @Problems(404, 409)
  async updateRateLimit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(rateLimitBody) input: z.output<typeof rateLimitBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.ownLimit(principal, department, id);
    return etag(res, await this.policies.updateRateLimit(id, draftOf(input), expectedRevisionFrom(headers), change(principal)));
  }

  @Delete('departments/:department/communication-rate-limits/:id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @Operation('deleteRateLimit', 'Drop a department’s rate limit.')
  @Responds(204, null, 'Deleted.')
  @Problems(404, 409)
  async removeRateLimit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
  ): Promise<void> {
    await this.ownLimit(principal, department, id);
    await this.policies.removeRateLimit(id, expectedRevisionFrom(headers), change(principal));
  }

  @Get('clients/:id/availability')
  @Operation('getClientAvailability', 'A client’s availability for communication [Доступность для коммуникации] and every change of it.')
  @Responds(200, availabilityAnswer, 'The availability; version 0 when never set.')
  async availability(@ZodParam('id', text(100)) clientId: string, @Res({ passthrough: true }) res: Response): Promise<object> {
    return this.answerAvailability(res, await this.policies.availability(clientId));
  }

  @Put('clients/:id/availability')
  @ApiHeader({ ...IF_MATCH, description: 'The version the editor saw (`0` when never set); a stale one answers 409.' })
  @Operation('setClientAvailability', 'Set a client’s status, blocked periods, quiet hours, language and opt-outs (managers, CommunicationsAdmin).')
  @Responds(200, availabilityAnswer, 'The availability as set.')
  @Problems(409)
  async setAvailability(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', text(100)) clientId: string,
    @Headers() headers: HeaderBag,
    @ZodBody(availabilityBody) input: z.output<typeof availabilityBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.mayEditAvailability(principal), 'only help-desk managers and CommunicationsAdmin set a client’s availability');
    const stored = await this.policies.setAvailability(
      clientId,
      {
        status: input.status,
        blockedPeriods: input.blockedPeriods.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
        optedOut: [...new Set(input.optedOut)],
        ...(input.quietHours ? { quietHours: input.quietHours } : {}),
        language: input.language,
      },
      expectedRevisionFrom(headers),
      change(principal, input.reason),
    );
    return this.answerAvailability(res, stored);
  }

  private async answerAvailability(res: Response, availability: StoredAvailability): Promise<object> {
    const changes = await this.policies.availabilityHistory(availability.clientId);
    etag(res, availability);
    return {
      ...availability,
      blockedPeriods: availability.blockedPeriods.map((p) => ({ from: p.from.toISOString(), ...(p.to ? { to: p.to.toISOString() } : {}) })),
      changes: changes.map(({ version, change: what, reason, by, at }) => ({ version, change: what, ...(reason ? { reason } : {}), by, at })),
    };
  }

  private async ownLimit(principal: Principal, department: string, id: string): Promise<void> {
    demand(communicationsAccess.managesDepartment(principal, department), `only the managers of ${department} and CommunicationsAdmin set its limits`);
    const limit = await this.policies.rateLimit(id);
    if (!limit || limit.department !== department) throw new PolicyNotFoundError(`rate limit ${id} of ${department}`);
  }
}
