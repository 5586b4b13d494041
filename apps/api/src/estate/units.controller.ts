import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, HttpCode, Inject, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ESTATE_STORE, Residencies } from '@switchboard/estate';
import type { EstateStore } from '@switchboard/estate';
import { dayOf, holdsOn, seesSite } from '@switchboard/estate/domain';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, answerSchema } from '@switchboard/platform';
import { ClientQueries, UnitRequestQueries } from '@switchboard/read-models';
import { PG_POOL } from '@switchboard/app-runtime';
import { securityDeskAccess } from '@switchboard/security-desk';
import { passesOfUnit } from '@switchboard/security-desk/infrastructure';
import type { Pool } from 'pg';
import { entityId } from '../http/inputs';
import { notFound } from '../http/list-query';
import { ESTATE_KEEPERS, ESTATE_READERS, UNIT_PICKERS, readScope, readsEstate, unitPickScope, writeScope } from './estate.access';
import { clientUnitsAnswer, residencyAnswer, unitAnswer, unitCardAnswer } from './estate.answers';
import { putUnitBody, residencyBody } from './estate.bodies';
import { EstateProblemsInterceptor } from './estate-problems.interceptor';

const deletedAnswer = answerSchema('Deleted', z.object({ deleted: z.literal(true) }));

/** A unit's card (its people, open and past requests), its residents, and a client's units (ADR 0028). */
@ApiTags('estate')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(EstateProblemsInterceptor)
@Permits(...ESTATE_READERS)
@Controller()
export class UnitsController {
  constructor(
    @Inject(ESTATE_STORE) private readonly estate: EstateStore,
    @Inject(Residencies) private readonly residencies: Residencies,
    @Inject(UnitRequestQueries) private readonly requests: UnitRequestQueries,
    @Inject(ClientQueries) private readonly clients: ClientQueries,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get('units/:unitId')
  @Permits(...UNIT_PICKERS)
  @Operation(
    'getUnitCard',
    'The unit card: where it is, its people (every residency, current first), its open and past requests (for those who read the estate) and its passes of today and later (for the security desk’s roles of its site).',
  )
  @Responds(200, unitCardAnswer, 'The card.')
  @Problems(404)
  async card(@CurrentPrincipal() principal: Principal, @ZodParam('unitId', entityId) unitId: string): Promise<object> {
    const unit = await this.estate.findUnit(unitPickScope(principal), unitId);
    if (!unit) throw notFound('unit', unitId);
    const seesPasses = securityDeskAccess.worksAtDesk(principal) && securityDeskAccess.coversSite(principal, unit.siteSlug);
    const now = new Date();
    const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [residencies, requests, passes] = await Promise.all([
      this.estate.residenciesOfUnit(unitId),
      readsEstate(principal) ? this.requests.ofUnit(unitId) : { open: [], past: [] },
      seesPasses ? passesOfUnit(this.pool, { unitId, from: startOfDay, now }) : undefined,
    ]);
    const people = await this.clients.people([...new Set(residencies.map((r) => r.clientId))]);
    const today = dayOf(new Date());
    const residents = residencies
      .map((r) => ({ ...r, current: holdsOn(r, today), ...(people.has(r.clientId) ? { person: people.get(r.clientId) } : {}) }))
      .sort((a, b) => Number(b.current) - Number(a.current));
    const keeps = seesSite(writeScope(principal), unit.siteSlug);
    return {
      unit,
      residents,
      requests,
      ...(passes
        ? {
            passes: passes.map((p) => ({
              id: p.id,
              kind: p.kind,
              ...(p.visitorName ? { visitorName: p.visitorName } : {}),
              ...(p.plate ? { plate: p.plate } : {}),
              validFrom: p.validFrom,
              validUntil: p.validUntil,
              visits: p.visits,
              ...(p.insideSince ? { insideSince: p.insideSince } : {}),
            })),
          }
        : {}),
      allowedActions: keeps ? ['edit', 'residents'] : [],
    };
  }

  @Put('units/:unitId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('editUnit', 'Change a unit’s number, type, floor, area, rooms or entrance.')
  @Responds(200, unitAnswer, 'The unit as edited.')
  @Problems(404, 409, 422)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('unitId', entityId) unitId: string,
    @ZodBody(putUnitBody) input: z.output<typeof putUnitBody>,
  ): Promise<object> {
    return (await this.estate.updateUnit(writeScope(principal), unitId, input, { by: principal.userId })) ?? this.missing('unit', unitId);
  }

  @Delete('units/:unitId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('deleteUnit', 'Remove a unit entered by mistake, with its residencies (requests keep its id).')
  @Responds(200, deletedAnswer, 'Removed.')
  @Problems(404)
  async remove(@CurrentPrincipal() principal: Principal, @ZodParam('unitId', entityId) unitId: string): Promise<object> {
    if (!(await this.estate.deleteUnit(writeScope(principal), unitId))) this.missing('unit', unitId);
    return { deleted: true };
  }

  @Post('units/:unitId/residents')
  @HttpCode(201)
  @Permits(...ESTATE_KEEPERS)
  @Operation(
    'addResident',
    'Record a client as owner, tenant or resident of the unit for a period; the same relation of the same client may not overlap (422 `residency-overlaps`), nor end before it starts (`residency-ends-before-start`).',
  )
  @Responds(201, residencyAnswer, 'The residency.')
  @Problems(404, 422)
  async addResident(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('unitId', entityId) unitId: string,
    @ZodBody(residencyBody) input: z.output<typeof residencyBody>,
  ): Promise<object> {
    const saved = await this.residencies.save(writeScope(principal), { id: randomUUID(), unitId, ...input }, { by: principal.userId });
    return saved ?? this.missing('unit', unitId);
  }

  @Put('units/:unitId/residents/:residencyId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('editResident', 'Change a residency’s relation or period (e.g. set the day a tenant moved out).')
  @Responds(200, residencyAnswer, 'The residency.')
  @Problems(404, 422)
  async editResident(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('unitId', entityId) unitId: string,
    @ZodParam('residencyId', entityId) residencyId: string,
    @ZodBody(residencyBody) input: z.output<typeof residencyBody>,
  ): Promise<object> {
    const existing = (await this.residencies.ofUnit(writeScope(principal), unitId))?.find((r) => r.id === residencyId);
    if (!existing || existing.clientId !== input.clientId) this.missing('residency', residencyId);
    const saved = await this.residencies.save(writeScope(principal), { id: residencyId, unitId, ...input }, { by: principal.userId });
    return saved ?? this.missing('unit', unitId);
  }

  @Delete('units/:unitId/residents/:residencyId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('removeResident', 'Remove a residency entered by mistake (a move-out is an end day, not a removal).')
  @Responds(200, deletedAnswer, 'Removed.')
  @Problems(404)
  async removeResident(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('unitId', entityId) unitId: string,
    @ZodParam('residencyId', entityId) residencyId: string,
  ): Promise<object> {
    if (!(await this.residencies.remove(writeScope(principal), unitId, residencyId))) this.missing('residency', residencyId);
    return { deleted: true };
  }

  @Get('clients/:clientId/units')
  @Operation('getClientUnits', 'The units the client holds or held (in the sites the caller sees), current ones first.')
  @Responds(200, clientUnitsAnswer, 'The client’s units.')
  async clientUnits(@CurrentPrincipal() principal: Principal, @ZodParam('clientId', entityId) clientId: string): Promise<object> {
    return { items: await this.estate.unitsOfClient(readScope(principal), clientId, dayOf(new Date())) };
  }

  private missing(entity: string, id: string): never {
    throw notFound(entity, id);
  }
}
