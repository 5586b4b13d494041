import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ESTATE_STORE } from '@switchboard/estate';
import type { EstateStore } from '@switchboard/estate';
import { dayOf, layOutGrid, seesSite, unitLabel } from '@switchboard/estate/domain';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, ZodQuery } from '@switchboard/platform';
import { UnitRequestQueries } from '@switchboard/read-models';
import { entityId } from '../http/inputs';
import { notFound } from '../http/list-query';
import { ESTATE_KEEPERS, ESTATE_READERS, UNIT_PICKERS, readScope, unitPickScope, writeScope } from './estate.access';
import {
  buildingAnswer,
  buildingGridAnswer,
  buildingListAnswer,
  entranceAnswer,
  entranceListAnswer,
  siteAnswer,
  siteListAnswer,
  unitAnswer,
  unitListAnswer,
  unitPickListAnswer,
} from './estate.answers';
import { createBuildingBody, createEntranceBody, createSiteBody, createUnitBody, patchBuildingBody, patchSiteBody } from './estate.bodies';
import { EstateProblemsInterceptor } from './estate-problems.interceptor';

const unitSearchParams = z.object({
  q: z.string().trim().max(100).optional().describe('Words of the building’s name or the unit’s number; empty: the first units.'),
});

/**
 * Sites [объекты], their buildings, entrances and units, and a building's grid [шахматка] (ADR 0028).
 * A site manager sees and keeps the sites of their directory groups `/sites/<slug>`; head office
 * (ClientService) every site; a site outside the caller's scope is not found (404).
 */
@ApiTags('estate')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(EstateProblemsInterceptor)
@Permits(...ESTATE_READERS)
@Controller('sites')
export class SitesController {
  constructor(
    @Inject(ESTATE_STORE) private readonly estate: EstateStore,
    @Inject(UnitRequestQueries) private readonly requests: UnitRequestQueries,
  ) {}

  @Get()
  @Permits(...UNIT_PICKERS)
  @Operation('listSites', 'The sites the caller sees (the security desk’s roles: their own sites), with their building and unit counts.')
  @Responds(200, siteListAnswer, 'The sites.')
  async list(@CurrentPrincipal() principal: Principal): Promise<object> {
    return { items: await this.estate.listSites(unitPickScope(principal)) };
  }

  @Get(':siteId/units')
  @Permits(...UNIT_PICKERS)
  @Operation(
    'searchSiteUnits',
    'Units of the site whose building name or number holds every word of `q` (a unit picker: "Корпус 2 45"); the security desk’s roles read the units of their sites.',
  )
  @Responds(200, unitPickListAnswer, 'Up to 20 units, by building and number.')
  @Problems(404)
  async searchUnits(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodQuery(unitSearchParams) query: z.output<typeof unitSearchParams>,
  ): Promise<object> {
    const scope = unitPickScope(principal);
    if (!(await this.estate.findSite(scope, siteId))) this.missing('site', siteId);
    const units = await this.estate.searchUnits(scope, query.q ?? '', { siteId });
    return { items: units.map((unit) => ({ ...unit, label: unitLabel(unit) })) };
  }

  @Post()
  @HttpCode(201)
  @Permits('estate.site.create')
  @Operation('createSite', 'Add a site (head office); its slug names the directory group `/sites/<slug>` whose members manage it.')
  @Responds(201, siteAnswer, 'The site.')
  @Problems(409)
  async create(@CurrentPrincipal() principal: Principal, @ZodBody(createSiteBody) input: z.output<typeof createSiteBody>): Promise<object> {
    return this.estate.createSite({ id: randomUUID(), ...input }, { by: principal.userId });
  }

  @Get(':siteId')
  @Operation('getSite', 'One site.')
  @Responds(200, siteAnswer, 'The site.')
  @Problems(404)
  async get(@CurrentPrincipal() principal: Principal, @ZodParam('siteId', entityId) siteId: string): Promise<object> {
    return (await this.estate.findSite(readScope(principal), siteId)) ?? this.missing('site', siteId);
  }

  @Patch(':siteId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('editSite', 'Rename a site or change its address.')
  @Responds(200, siteAnswer, 'The site as edited.')
  @Problems(404)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodBody(patchSiteBody) patch: z.output<typeof patchSiteBody>,
  ): Promise<object> {
    return (await this.estate.updateSite(writeScope(principal), siteId, patch, { by: principal.userId })) ?? this.missing('site', siteId);
  }

  @Get(':siteId/buildings')
  @Operation('listBuildings', 'The site’s buildings with their entrance and unit counts.')
  @Responds(200, buildingListAnswer, 'The buildings.')
  @Problems(404)
  async buildings(@CurrentPrincipal() principal: Principal, @ZodParam('siteId', entityId) siteId: string): Promise<object> {
    const items = await this.estate.listBuildings(readScope(principal), siteId);
    return items ? { items } : this.missing('site', siteId);
  }

  @Post(':siteId/buildings')
  @HttpCode(201)
  @Permits(...ESTATE_KEEPERS)
  @Operation('createBuilding', 'Add a building to the site.')
  @Responds(201, buildingAnswer, 'The building.')
  @Problems(404, 409)
  async createBuilding(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodBody(createBuildingBody) input: z.output<typeof createBuildingBody>,
  ): Promise<object> {
    const building = await this.estate.createBuilding(writeScope(principal), { id: randomUUID(), siteId, ...input }, { by: principal.userId });
    return building ?? this.missing('site', siteId);
  }

  @Patch(':siteId/buildings/:buildingId')
  @Permits(...ESTATE_KEEPERS)
  @Operation('editBuilding', 'Rename a building or change its address.')
  @Responds(200, buildingAnswer, 'The building as edited.')
  @Problems(404, 409)
  async editBuilding(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
    @ZodBody(patchBuildingBody) patch: z.output<typeof patchBuildingBody>,
  ): Promise<object> {
    return (
      (await this.estate.updateBuilding(writeScope(principal), siteId, buildingId, patch, { by: principal.userId })) ?? this.missing('building', buildingId)
    );
  }

  @Get(':siteId/buildings/:buildingId/entrances')
  @Operation('listEntrances', 'The building’s entrances, in order.')
  @Responds(200, entranceListAnswer, 'The entrances.')
  @Problems(404)
  async entrances(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
  ): Promise<object> {
    const items = await this.estate.listEntrances(readScope(principal), siteId, buildingId);
    return items ? { items } : this.missing('building', buildingId);
  }

  @Post(':siteId/buildings/:buildingId/entrances')
  @HttpCode(201)
  @Permits(...ESTATE_KEEPERS)
  @Operation('createEntrance', 'Add an entrance to the building.')
  @Responds(201, entranceAnswer, 'The entrance.')
  @Problems(404, 409)
  async createEntrance(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
    @ZodBody(createEntranceBody) input: z.output<typeof createEntranceBody>,
  ): Promise<object> {
    const entrance = await this.estate.createEntrance(
      writeScope(principal),
      siteId,
      { id: randomUUID(), buildingId, number: input.number },
      { by: principal.userId },
    );
    return entrance ?? this.missing('building', buildingId);
  }

  @Get(':siteId/buildings/:buildingId/units')
  @Operation('listUnits', 'The building’s units, by floor and number.')
  @Responds(200, unitListAnswer, 'The units.')
  @Problems(404)
  async units(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
  ): Promise<object> {
    const items = await this.estate.listUnits(readScope(principal), siteId, buildingId);
    return items ? { items } : this.missing('building', buildingId);
  }

  @Post(':siteId/buildings/:buildingId/units')
  @HttpCode(201)
  @Permits(...ESTATE_KEEPERS)
  @Operation('createUnit', 'Add a unit on a floor of one of the building’s entrances.')
  @Responds(201, unitAnswer, 'The unit.')
  @Problems(404, 409, 422)
  async createUnit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
    @ZodBody(createUnitBody) input: z.output<typeof createUnitBody>,
  ): Promise<object> {
    const unit = await this.estate.createUnit(writeScope(principal), siteId, { id: randomUUID(), buildingId, ...input }, { by: principal.userId });
    return unit ?? this.missing('building', buildingId);
  }

  @Get(':siteId/buildings/:buildingId/grid')
  @Operation(
    'getBuildingGrid',
    'The building’s grid [шахматка]: entrances as columns, floors as rows (top first), per unit its occupancy today, open requests and the worst SLA state among them.',
  )
  @Responds(200, buildingGridAnswer, 'The grid.')
  @Problems(404)
  async grid(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('siteId', entityId) siteId: string,
    @ZodParam('buildingId', entityId) buildingId: string,
  ): Promise<object> {
    const scope = readScope(principal);
    const [site, building, raw] = await Promise.all([
      this.estate.findSite(scope, siteId),
      this.estate.findBuilding(scope, siteId, buildingId),
      this.estate.gridUnits(scope, siteId, buildingId, dayOf(new Date())),
    ]);
    if (!site || !building || !raw) return this.missing('building', buildingId);
    const summaries = await this.requests.summaries(raw.units.map((u) => u.id));
    const units = raw.units.map((unit) => {
      const summary = summaries.get(unit.id);
      return summary ? { ...unit, openRequests: summary.openRequests, worstSla: summary.worstSla } : unit;
    });
    const grid = layOutGrid(raw.entrances, units);
    return {
      site: { id: site.id, slug: site.slug, name: site.name },
      building: { id: building.id, name: building.name, address: building.address },
      ...grid,
      allowedActions: seesSite(writeScope(principal), site.slug) ? ['edit'] : [],
    };
  }

  private missing(entity: string, id: string): never {
    throw notFound(entity, id);
  }
}
