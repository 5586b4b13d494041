import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { ClientEditing, ClientIdentification, ClientSearch } from '@switchboard/customers';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { ProblemException, problemTypes } from '@switchboard/platform';
import { ClientQueries, OrderQueries } from '@switchboard/read-models';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { answering, notFound, positiveInt, validateQuery } from '../http/list-query';
import { validateBody } from '../http/validate-body';
import { createClientBody, createOrderBody, patchClientBody } from './client.bodies';

const PHONE_PREFIX = /^\+?[\d\s()-]{3,}$/;
const CLIENT_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|legacy-\d+)$/i;

/** `<uuid>` for our clients, `legacy-<client_no>` for a LegacyDB client not migrated yet. */
function clientRef(id: string): { clientId?: string; legacyClientId?: number } {
  if (!CLIENT_ID.test(id)) throw notFound('client', id);
  return id.startsWith('legacy-') ? { legacyClientId: Number(id.slice('legacy-'.length)) } : { clientId: id };
}

@ApiTags('clients')
@ApiBearerAuth()
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller()
export class ClientsController {
  constructor(
    @Inject(ClientSearch) private readonly search: ClientSearch,
    @Inject(ClientIdentification) private readonly identification: ClientIdentification,
    @Inject(ClientEditing) private readonly editing: ClientEditing,
    @Inject(ClientQueries) private readonly clients: ClientQueries,
    @Inject(OrderQueries) private readonly orders: OrderQueries,
  ) {}

  @Get('clients')
  @ApiOperation({ summary: 'Find clients: name words search ours and the LegacyDB merged (`partial` when the LegacyDB was too slow); a phone prefix searches ours.' })
  async find(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const { q, page, pageSize } = validateQuery(z.object({ q: z.string().trim().max(200).optional(), page: positiveInt.optional(), pageSize: positiveInt.max(100).optional() }), query);
    if (!q || PHONE_PREFIX.test(q)) return { ...(await answering(() => this.clients.search(principal, { q, page, pageSize }))), partial: false };
    return this.search.search({ q, page, pageSize });
  }

  @Post('clients')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a client; a phone already ours answers 409 with that client, one only in the LegacyDB is migrated.' })
  async create(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<{ id: string; source: string }> {
    const input = validateBody(createClientBody, body);
    const identified = await this.identification.identify({ phone: input.phone, newClient: input, now: new Date(), newId: randomUUID });
    if (identified.client === 'ours') {
      throw new ProblemException({ type: problemTypes.conflict, title: 'phone already registered', status: 409, detail: `Client ${identified.clientId} already has phone ${input.phone}.`, clientId: identified.clientId });
    }
    res.setHeader('Location', `/clients/${identified.clientId}`);
    return { id: identified.clientId, source: identified.client };
  }

  @Patch('clients/:id')
  @ApiOperation({ summary: 'Edit a client; a LegacyDB client (`legacy-<n>`) is migrated first.' })
  async edit(@Param('id') id: string, @Body() body: unknown): Promise<object> {
    const patch = validateBody(patchClientBody, body);
    const edited = await this.editing.update({ ...clientRef(id), patch, newId: randomUUID });
    return { ...edited.client, migrated: edited.migrated };
  }

  @Get('clients/:id')
  @ApiOperation({ summary: 'The client card: client, orders, and the requests and incidents the caller may see.' })
  async card(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: unknown): Promise<object> {
    const { minPosition } = validateQuery(z.object({ minPosition: z.string().max(100).optional() }), query);
    const ref = clientRef(id);
    if (!ref.clientId) throw notFound('client', id);
    const card = await answering(() => this.clients.card(principal, ref.clientId as string, { minPosition }));
    if (!card) throw notFound('client', id);
    return card;
  }

  @Post('clients/:id/orders')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an order to a client (a code already known for this client answers its order).' })
  async addOrder(@Param('id') id: string, @Body() body: unknown): Promise<{ id: string; code: string; source?: string }> {
    const input = validateBody(createOrderBody, body);
    const ref = clientRef(id);
    const identified = await this.identification.identify({ ...ref, orderCode: input.code, newOrder: input, now: new Date(), newId: randomUUID });
    return { id: identified.orderId ?? '', code: input.code, source: identified.order };
  }

  @Get('orders')
  @ApiOperation({ summary: 'Find orders by part of the code or name, optionally of one client.' })
  listOrders(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const params = validateQuery(z.object({ q: z.string().trim().max(200).optional(), clientId: z.uuid().optional(), page: positiveInt.optional(), pageSize: positiveInt.max(100).optional() }), query);
    return answering(() => this.orders.search(principal, params));
  }

  @Get('orders/:code')
  async order(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<object> {
    const order = await this.orders.byCode(principal, code);
    if (!order) throw notFound('order', code);
    return order;
  }
}
