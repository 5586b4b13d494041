import { Controller, Get, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { PG_POOL } from '@switchboard/app-runtime';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, ZodQuery } from '@switchboard/platform';
import { demandSecurityDesk, PASS_UNITS, PassNotFoundError, Passes, securityDeskAccess } from '@switchboard/security-desk';
import type { PassUnits, PassWithRevision } from '@switchboard/security-desk';
import { checkInRefusal, isOverstay, placeOnUnit } from '@switchboard/security-desk/domain';
import { dayLog, expectedVisitors, searchPasses } from '@switchboard/security-desk/infrastructure';
import type { DeskPass } from '@switchboard/security-desk/infrastructure';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId, isoDate } from '../http/inputs';
import { dayLogAnswer, deskSitesAnswer, passAnswer, passListAnswer, unitContactsAnswer } from './pass.answers';
import type { passActions } from './pass.answers';
import { passBody, revokePassBody, visitStepBody } from './pass.bodies';
import { SecurityDeskProblemsInterceptor } from './security-desk-problems.interceptor';
import { passFacts } from './pass.view';

type HeaderBag = Record<string, string | string[] | undefined>;
type PassAction = (typeof passActions)[number];

const KEY = { name: 'Idempotency-Key', required: true, description: 'Client-generated; sending it again (a retry, the offline queue) records nothing twice.' };
const DAY_MS = 24 * 3_600_000;

const dayParams = z.object({
  site: z.string().max(63).optional().describe('One of your sites; default: all of them.'),
  from: isoDate.optional().describe('Start of the guard’s day (default: today 00:00 UTC).'),
  to: isoDate.optional().describe('End of the guard’s day (default: `from` + 24 h).'),
});
const searchParams = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(100).describe('A plate (any format, Cyrillic or Latin, region optional, or part of it) or a name.'),
  site: z.string().max(63).optional(),
});
const logParams = dayParams.extend({ site: z.string().max(63).describe('The site whose log it is.') });
const unitParams = z.object({
  q: z.string().trim().min(1).max(100).describe('Words of the building’s name or the unit’s number ("Корпус 2 45").'),
  site: z.string().max(63).optional(),
});

/**
 * The security desk [рабочий стол охраны] (ADR 0029). Concierges and dispatchers order and revoke
 * visitor passes for units at their sites; guards (Security) see today's expected visitors at their
 * sites, search by plate or name, check visitors in and out (Idempotency-Key: the offline queue
 * sends each check-in once), read the day log. A pass at a site the caller does not cover is 404.
 */
@ApiTags('security-desk')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(SecurityDeskProblemsInterceptor)
@Controller()
export class PassesController {
  constructor(
    @Inject(Passes) private readonly passes: Passes,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PASS_UNITS) private readonly units: PassUnits,
  ) {}

  @Post('passes')
  @HttpCode(201)
  @ApiHeader(KEY)
  @Operation(
    'createPass',
    'Order a visitor pass for a unit at one of your sites (Concierge, Dispatcher). The unit must be the estate’s and at the pass’s site (422 `unit-unknown`, `unit-of-another-site`); its label and today’s resident’s phone are copied from the estate (a typed phone overrides).',
  )
  @Responds(201, passAnswer, 'The pass.')
  @Problems(404, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(passBody) input: z.output<typeof passBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demandSecurityDesk(securityDeskAccess.issuesPasses(principal), 'passes are ordered by concierges and dispatchers');
    demandSecurityDesk(securityDeskAccess.coversSite(principal, input.siteSlug), `you do not work at ${input.siteSlug}`);
    const envelope = commandEnvelopeFrom(headers, { action: 'createPass', input });
    const now = new Date();
    const unit = placeOnUnit(input, await this.units.unitForPass(input.unitId, now), (site) => securityDeskAccess.coversSite(principal, site));
    const pass = await this.passes.create(
      {
        siteSlug: input.siteSlug,
        unitId: input.unitId,
        ...unit,
        kind: input.kind,
        ...(input.visitorName ? { visitorName: input.visitorName } : {}),
        ...(input.plate ? { plate: input.plate } : {}),
        validFrom: new Date(input.validFrom).toISOString(),
        validUntil: new Date(input.validUntil).toISOString(),
        issuedAs: principal.roles.includes('Concierge') ? 'Concierge' : 'Dispatcher',
        ...(input.note ? { note: input.note } : {}),
      },
      principal.username,
      envelope,
    );
    res.setHeader('Location', `/passes/${pass.id}`);
    return this.card(principal, pass, res);
  }

  @Get('passes/:id')
  @Operation('getPass', 'One pass, as its stream says now (read after your own check-in).')
  @Responds(200, passAnswer, 'The pass; the ETag is its revision.')
  @Problems(404)
  async byId(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string, @Res({ passthrough: true }) res: Response): Promise<object> {
    return this.card(principal, await this.visible(principal, id), res);
  }

  @Post('passes/:id/revoke')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('revokePass', 'Revoke a pass: it admits nobody from now on (a visitor inside may still be checked out).')
  @Responds(200, passAnswer, 'Revoked.')
  @Problems(404, 422)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(revokePassBody) input: z.output<typeof revokePassBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.visible(principal, id);
    demandSecurityDesk(securityDeskAccess.issuesPasses(principal), 'passes are revoked by concierges and dispatchers');
    const envelope = commandEnvelopeFrom(headers, { action: `revokePass:${id}`, input });
    return this.card(principal, await this.passes.revoke(id, principal.username, envelope, input.reason), res);
  }

  @Post('passes/:id/check-in')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation(
    'checkVisitorIn',
    'Let the visitor in on this pass (Security). Inside already: nothing new. Revoked, outside the window, or a one-time pass used: 409.',
  )
  @Responds(200, passAnswer, 'The visitor is inside.')
  @Problems(404, 409, 422)
  async checkIn(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(visitStepBody) input: z.output<typeof visitStepBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.guarded(principal, id);
    const envelope = commandEnvelopeFrom(headers, { action: `checkIn:${id}`, input });
    return this.card(principal, await this.passes.checkIn(id, principal.username, envelope, input.at ? new Date(input.at) : undefined), res);
  }

  @Post('passes/:id/check-out')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('checkVisitorOut', 'Record that the visitor left (Security); after the window, an overstay. Left already: nothing new.')
  @Responds(200, passAnswer, 'The visitor has left.')
  @Problems(404, 409, 422)
  async checkOut(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(visitStepBody) input: z.output<typeof visitStepBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    await this.guarded(principal, id);
    const envelope = commandEnvelopeFrom(headers, { action: `checkOut:${id}`, input });
    return this.card(principal, await this.passes.checkOut(id, principal.username, envelope, input.at ? new Date(input.at) : undefined), res);
  }

  @Get('security-desk/sites')
  @Operation('getDeskSites', 'The sites your desk covers (groups under /sites).')
  @Responds(200, deskSitesAnswer, 'Your sites.')
  sites(@CurrentPrincipal() principal: Principal): object {
    demandSecurityDesk(securityDeskAccess.worksAtDesk(principal), 'the security desk is for guards, concierges and dispatchers');
    return { sites: [...securityDeskAccess.sites(principal)] };
  }

  @Get('security-desk/expected')
  @Operation(
    'listExpectedVisitors',
    'The day’s expected visitors at your sites, those inside past their window (overstays) first; what the desk caches for offline use.',
  )
  @Responds(200, passListAnswer, 'The passes.')
  @Problems(404)
  async expected(@CurrentPrincipal() principal: Principal, @ZodQuery(dayParams) query: z.output<typeof dayParams>): Promise<object> {
    const sites = this.sitesFor(principal, query.site);
    const now = new Date();
    const { from, to } = dayOf(query, now);
    const items = await expectedVisitors(this.pool, { sites, from, to, now });
    return { items: items.map((pass) => this.listed(principal, pass)) };
  }

  @Get('security-desk/search')
  @Operation('searchPasses', 'Passes at your sites by plate (any format, Cyrillic/Latin look-alikes, region optional) or visitor name (case and ё ignored).')
  @Responds(200, passListAnswer, 'Matching passes.')
  @Problems(404)
  async search(@CurrentPrincipal() principal: Principal, @ZodQuery(searchParams) query: z.output<typeof searchParams>): Promise<object> {
    const sites = this.sitesFor(principal, query.site);
    const items = await searchPasses(this.pool, { sites, query: query.q, now: new Date() });
    return { items: items.map((pass) => this.listed(principal, pass)) };
  }

  @Get('security-desk/log')
  @Operation('getDayLog', 'A site’s day log: entries and exits with times and guards, those still inside, overstays flagged.')
  @Responds(200, dayLogAnswer, 'The log, newest first.')
  @Problems(404)
  async log(@CurrentPrincipal() principal: Principal, @ZodQuery(logParams) query: z.output<typeof logParams>): Promise<object> {
    const [site] = this.sitesFor(principal, query.site);
    const now = new Date();
    const { from, to } = dayOf(query, now);
    return { site, from: from.toISOString(), to: to.toISOString(), items: await dayLog(this.pool, { site, from, to, now }) };
  }

  @Get('security-desk/unit-contacts')
  @Operation(
    'findUnitContacts',
    'A visitor without a pass: the estate’s units at your sites matching every word (building, number), with today’s residents’ phones.',
  )
  @Responds(200, unitContactsAnswer, 'Matching units with their residents’ phones.')
  @Problems(404)
  async unitContacts(@CurrentPrincipal() principal: Principal, @ZodQuery(unitParams) query: z.output<typeof unitParams>): Promise<object> {
    const sites = this.sitesFor(principal, query.site);
    const units = await this.units.unitsAtSites(sites, query.q, new Date());
    return {
      items: units.map((u) => ({
        siteSlug: u.siteSlug,
        unitId: u.unitId,
        unitLabel: u.unitLabel,
        residentPhones: [...u.residentPhones],
        ...(u.residentPhones[0] ? { residentPhone: u.residentPhones[0] } : {}),
      })),
    };
  }

  /** The caller's sites, or the one asked for when it is theirs (404 otherwise: another site's desk does not exist for them). */
  private sitesFor(principal: Principal, site: string | undefined): readonly string[] {
    demandSecurityDesk(securityDeskAccess.worksAtDesk(principal), 'the security desk is for guards, concierges and dispatchers');
    const sites = securityDeskAccess.sites(principal);
    if (site === undefined) return sites;
    if (!sites.includes(site)) throw new PassNotFoundError(`at site ${site}`);
    return [site];
  }

  /** The pass, when the caller works at the desk of its site: 403 for roles of no desk, 404 for another site's pass. */
  private async visible(principal: Principal, id: string): Promise<PassWithRevision> {
    demandSecurityDesk(securityDeskAccess.worksAtDesk(principal), 'the security desk is for guards, concierges and dispatchers');
    const pass = await this.passes.find(id);
    if (!pass || !securityDeskAccess.coversSite(principal, pass.siteSlug)) throw new PassNotFoundError(id);
    return pass;
  }

  private async guarded(principal: Principal, id: string): Promise<void> {
    await this.visible(principal, id);
    demandSecurityDesk(securityDeskAccess.guards(principal), 'visitors are checked in and out by security guards');
  }

  private card(principal: Principal, pass: PassWithRevision, res: Response): object {
    const now = new Date();
    const refusal = pass.inside ? undefined : checkInRefusal(pass, now);
    res.setHeader('ETag', `"${pass.revision}"`);
    return {
      ...passFacts(pass),
      ...(pass.inside ? { insideSince: pass.inside.since, insideBy: pass.inside.by } : {}),
      overstay: isOverstay(pass, now),
      ...(refusal ? { refusal } : {}),
      allowedActions: this.actions(principal, { revoked: pass.revoked, inside: pass.inside !== undefined, refusal }),
      revision: pass.revision,
    };
  }

  private listed(principal: Principal, pass: DeskPass): object {
    return { ...pass, allowedActions: this.actions(principal, { revoked: pass.revoked, inside: pass.insideSince !== undefined, refusal: pass.refusal }) };
  }

  private actions(principal: Principal, pass: { revoked: boolean; inside: boolean; refusal?: string }): PassAction[] {
    const actions: PassAction[] = [];
    if (securityDeskAccess.guards(principal)) {
      if (pass.inside) actions.push('check-out');
      else if (!pass.refusal) actions.push('check-in');
    }
    if (securityDeskAccess.issuesPasses(principal) && !pass.revoked) actions.push('revoke');
    return actions;
  }
}

function dayOf(query: { from?: Date; to?: Date }, now: Date): { from: Date; to: Date } {
  const from = query.from ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = query.to ?? new Date(from.getTime() + DAY_MS);
  return { from, to };
}
