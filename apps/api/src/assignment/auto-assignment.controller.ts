import { Controller, Get, Headers, Inject, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository, ServiceView } from '@switchboard/catalogue';
import { CurrentPrincipal, Permits, USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { displayNameOf } from '@switchboard/identity/domain';
import { SWITCHBOARD_CONFIG, Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ASSIGNMENT_TEAMS, AUTO_ASSIGNMENT_LEDGER, AutoAssignmentSettingsAdmin, PresenceService } from '@switchboard/service-desk';
import type { AssignmentScope, AssignmentTeams, AutoAssignmentLedger, StoredAutoAssignmentSettings } from '@switchboard/service-desk';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { autoAssignmentAnswer, autoAssignmentBody, autoAssignmentListAnswer } from './auto-assignment.schemas';

type HeaderBag = Record<string, string | string[] | undefined>;
type SettingsAnswer = z.output<typeof autoAssignmentAnswer>;

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version the manager saw, as in the ETag; a stale one answers 409.' };
const department = z.string().trim().min(1).max(100).describe('A help-desk department (directory group name).');
const workGroupCode = z.coerce.number().int().positive().describe('A work group’s catalogue code.');

/** Automatic assignment settings: each department's help-desk managers, each work group's L3 managers (ADR 0020). */
@ApiTags('assignment')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('auto-assignment')
export class AutoAssignmentController {
  constructor(
    @Inject(AutoAssignmentSettingsAdmin) private readonly admin: AutoAssignmentSettingsAdmin,
    @Inject(PresenceService) private readonly presence: PresenceService,
    @Inject(ASSIGNMENT_TEAMS) private readonly teams: AssignmentTeams,
    @Inject(CATALOGUE_REPOSITORY) private readonly catalogue: CatalogueRepository,
    @Inject(USER_DIRECTORY) private readonly directory: UserDirectory,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
    @Inject(AUTO_ASSIGNMENT_LEDGER) private readonly ledger: AutoAssignmentLedger,
  ) {}

  @Get()
  @Permits('auto-assignment.admin:department', 'auto-assignment.admin:work-group')
  @Operation('listAutoAssignmentSettings', 'The automatic assignment of every department and work group the caller manages, with its team and their presence.')
  @Responds(200, autoAssignmentListAnswer, 'The settings.')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: SettingsAnswer[] }> {
    const services = await this.catalogue.listServices();
    const codes = [...new Set(services.map((s) => s.workGroupCode))].sort((a, b) => a - b);
    const mine = await this.admin.mine(principal, codes);
    return { items: await Promise.all(mine.map((settings) => this.answer(settings, services))) };
  }

  @Get('departments/:department')
  @Permits('auto-assignment.admin:department')
  @Operation('getDepartmentAutoAssignment', 'The automatic assignment of one of your departments; the ETag is its version.')
  @Responds(200, autoAssignmentAnswer, 'The settings.')
  async getDepartment(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', department) key: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SettingsAnswer> {
    return this.answerTagged(await this.admin.get(principal, { kind: 'department', key }), res);
  }

  @Put('departments/:department')
  @Permits('auto-assignment.admin:department')
  @ApiHeader(IF_MATCH)
  @Operation(
    'setDepartmentAutoAssignment',
    'Switch automatic assignment of one of your departments’ requests: off, round robin or least loaded, with a per-operator limit.',
  )
  @Responds(200, autoAssignmentAnswer, 'The settings as saved; the ETag is their new version.')
  @Problems(409, 422)
  async setDepartment(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', department) key: string,
    @Headers() headers: HeaderBag,
    @ZodBody(autoAssignmentBody) input: z.output<typeof autoAssignmentBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SettingsAnswer> {
    return this.save(principal, { kind: 'department', key }, input, headers, res);
  }

  @Get('work-groups/:code')
  @Permits('auto-assignment.admin:work-group')
  @Operation('getWorkGroupAutoAssignment', 'The automatic assignment of one of your work groups; the ETag is its version.')
  @Responds(200, autoAssignmentAnswer, 'The settings.')
  @Problems(422)
  async getWorkGroup(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('code', workGroupCode) code: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SettingsAnswer> {
    return this.answerTagged(await this.admin.get(principal, { kind: 'work-group', key: String(code) }), res);
  }

  @Put('work-groups/:code')
  @Permits('auto-assignment.admin:work-group')
  @ApiHeader(IF_MATCH)
  @Operation(
    'setWorkGroupAutoAssignment',
    'Switch automatic assignment of one of your work groups’ incidents, with a per-engineer limit and skills (the services each engineer handles).',
  )
  @Responds(200, autoAssignmentAnswer, 'The settings as saved; the ETag is their new version.')
  @Problems(409, 422)
  async setWorkGroup(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('code', workGroupCode) code: number,
    @Headers() headers: HeaderBag,
    @ZodBody(autoAssignmentBody) input: z.output<typeof autoAssignmentBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SettingsAnswer> {
    return this.save(principal, { kind: 'work-group', key: String(code) }, input, headers, res);
  }

  private async save(
    principal: Principal,
    scope: AssignmentScope,
    input: z.output<typeof autoAssignmentBody>,
    headers: HeaderBag,
    res: Response,
  ): Promise<SettingsAnswer> {
    const settings = { mode: input.mode, ...(input.maxOpenPerOperator ? { maxOpenPerOperator: input.maxOpenPerOperator } : {}), skills: input.skills ?? {} };
    return this.answerTagged(await this.admin.save(principal, scope, settings, expectedRevisionFrom(headers)), res);
  }

  private async answerTagged(settings: StoredAutoAssignmentSettings, res: Response): Promise<SettingsAnswer> {
    res.setHeader('ETag', `"${settings.version}"`);
    return this.answer(settings, settings.scope.kind === 'work-group' ? await this.catalogue.listServices() : []);
  }

  private async answer(settings: StoredAutoAssignmentSettings, services: readonly ServiceView[]): Promise<SettingsAnswer> {
    const { scope } = settings;
    const isGroup = scope.kind === 'work-group';
    const ids = isGroup ? await this.teams.engineersOf(Number(scope.key)) : await this.teams.operatorsOf(scope.key);
    const [presence, open, people] = await Promise.all([
      this.presence.of(ids, this.config.presence.idleMinutes),
      this.ledger.openItemsOf(isGroup ? 'incident' : 'request', ids),
      Promise.all(ids.map((id) => this.directory.userById(id))),
    ]);
    const ofGroup = services.filter((s) => isGroup && String(s.workGroupCode) === scope.key);
    return {
      scope: { kind: scope.kind, key: scope.key, name: isGroup ? (ofGroup[0]?.workGroupName ?? scope.key) : scope.key },
      mode: settings.mode,
      maxOpenPerOperator: settings.maxOpenPerOperator ?? null,
      skills: Object.fromEntries(Object.entries(settings.skills).map(([id, codes]) => [id, [...codes]])),
      version: settings.version,
      updatedBy: settings.updatedBy ?? null,
      updatedAt: settings.updatedAt ?? null,
      team: ids
        .map((id, n) => ({ id, name: people[n] ? displayNameOf(people[n]) : id, presence: presence.get(id) ?? 'away', openItems: open.get(id) ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      services: ofGroup.map((s) => ({ code: s.code, name: s.name })),
    };
  }
}
