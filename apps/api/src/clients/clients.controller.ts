import { randomUUID } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Inject, Patch, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { ClientEditing, ClientIdentification, ClientSearch } from '@switchboard/customers';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, ProblemException, Responds, ZodBody, ZodParam, ZodQuery, describedAs, problemTypes } from '@switchboard/platform';
import { ClientQueries, OrderQueries } from '@switchboard/read-models';
import type { ClientCard, NumberedPage, OrderDto } from '@switchboard/read-models';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { minPosition, pageParams, text } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import {
  clientCardAnswer,
  clientSearchAnswer,
  createdClientAnswer,
  createdOrderAnswer,
  editedClientAnswer,
  orderAnswer,
  orderPageAnswer,
} from './client.answers';
import { createClientBody, createOrderBody, patchClientBody } from './client.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;

const PHONE_PREFIX = /^\+?[\d\s()-]{3,}$/;

/** `<uuid>` for our clients, `legacy-<client_no>` for a LegacyDB client not migrated yet. */
const clientId = describedAs(
  z
    .string()
    .regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|legacy-\d{1,15})$/i, 'must be a client id (uuid) or legacy-<number>')
    .transform((id) => id.toLowerCase()),
  {
    type: 'string',
    pattern: '^([0-9a-fA-F-]{36}|legacy-[0-9]+)$',
    description: 'A client id (uuid), or `legacy-<number>` for a LegacyDB client not migrated yet.',
  },
);

const clientRef = (id: string): { clientId?: string; legacyClientId?: number } =>
  id.startsWith('legacy-') ? { legacyClientId: Number(id.slice('legacy-'.length)) } : { clientId: id };

const searchParams = z.object({
  q: z.string().trim().max(200).optional().describe('Name words (ours and the LegacyDB) or a phone prefix (ours).'),
  cursor: z.string().max(1_000).optional().describe('The previous page’s `nextCursor`: the next page (then `page` is ignored).'),
  ...pageParams,
});
const orderParams = z.object({
  q: z.string().trim().max(200).optional().describe('Part of the code or the name.'),
  clientId: z.uuid().optional(),
  ...pageParams,
});
const cardParams = z.object({ minPosition: minPosition.optional() });

@ApiTags('clients')
@ApiBearerAuth()
@Problems(400, 401, 503)
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
  @Operation(
    'findClients',
    'Find clients: name words search ours and the LegacyDB merged (`partial` when the LegacyDB was too slow), in name order; a phone prefix searches ours, in phone order. `total` is exact up to 1,000, then "1000+"; `nextCursor` continues.',
  )
  @Responds(200, clientSearchAnswer, 'A page of clients.')
  async find(@CurrentPrincipal() principal: Principal, @ZodQuery(searchParams) query: z.output<typeof searchParams>): Promise<object> {
    const { q, page, pageSize, cursor } = query;
    if (!q || PHONE_PREFIX.test(q)) {
      const ours = await answering(() => this.clients.search(principal, { q, page, pageSize, cursor }));
      return { ...ours, items: ours.items.map((client) => ({ source: 'ours', ...client })), partial: false };
    }
    return this.search.search({ q, page, pageSize, cursor });
  }

  @Post('clients')
  @HttpCode(201)
  @Permits('client.edit')
  @Operation('createClient', 'Create a client; a phone already ours answers 409 with that client, one only in the LegacyDB is migrated.')
  @Responds(201, createdClientAnswer, 'Created (or migrated from the LegacyDB); Location names it.')
  @Problems(403, 409, 413)
  async create(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(createClientBody) input: z.output<typeof createClientBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ id: string; source: string }> {
    const identified = await this.identification.identify({ phone: input.phone, newClient: input, now: new Date(), newId: randomUUID, by: principal.userId });
    if (identified.client === 'ours') {
      throw new ProblemException({
        type: problemTypes.conflict,
        title: 'phone already registered',
        status: 409,
        detail: `Client ${identified.clientId} already has phone ${input.phone}.`,
        clientId: identified.clientId,
      });
    }
    res.setHeader('Location', `/clients/${identified.clientId}`);
    return { id: identified.clientId, source: identified.client };
  }

  @Patch('clients/:id')
  @Permits('client.edit')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision the editor saw (the card’s ETag); a stale one answers 409.' })
  @Operation('editClient', 'Edit a client (recorded in its history); a LegacyDB client (`legacy-<n>`) is migrated first.')
  @Responds(200, editedClientAnswer, 'The client as edited; the ETag is its new revision.')
  @Problems(403, 404, 409, 413)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', clientId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(patchClientBody) patch: z.output<typeof patchClientBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const edited = await this.editing.update({
      ...clientRef(id),
      patch,
      newId: randomUUID,
      by: principal.userId,
      expectedRevision: expectedRevisionFrom(headers),
    });
    res.setHeader('ETag', `"${edited.client.revision ?? 0}"`);
    return { ...edited.client, migrated: edited.migrated };
  }

  @Get('clients/:id')
  @Operation('getClientCard', 'The client card: client, orders, history, and the requests and incidents the caller may see; the ETag is its revision.')
  @Responds(200, clientCardAnswer, 'The card.')
  @Problems(404)
  async card(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', clientId) id: string,
    @ZodQuery(cardParams) query: z.output<typeof cardParams>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClientCard> {
    const ref = clientRef(id);
    if (!ref.clientId) throw notFound('client', id);
    const card = await answering(() => this.clients.card(principal, ref.clientId as string, { minPosition: query.minPosition }));
    if (!card) throw notFound('client', id);
    res.setHeader('ETag', `"${card.client.revision}"`);
    return card;
  }

  @Post('clients/:id/orders')
  @HttpCode(201)
  @Permits('client.edit')
  @Operation('addOrder', 'Add an order to a client (a code already known for this client answers its order).')
  @Responds(201, createdOrderAnswer, 'Added.')
  @Problems(403, 404, 409, 413)
  async addOrder(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', clientId) id: string,
    @ZodBody(createOrderBody) input: z.output<typeof createOrderBody>,
  ): Promise<{ id: string; code: string; source?: string }> {
    const identified = await this.identification.identify({
      ...clientRef(id),
      orderCode: input.code,
      newOrder: input,
      now: new Date(),
      newId: randomUUID,
      by: principal.userId,
    });
    return { id: identified.orderId ?? '', code: input.code, source: identified.order };
  }

  @Get('orders')
  @Operation('findOrders', 'Find orders by part of the code or name, optionally of one client.')
  @Responds(200, orderPageAnswer, 'A page of orders.')
  listOrders(@CurrentPrincipal() principal: Principal, @ZodQuery(orderParams) query: z.output<typeof orderParams>): Promise<NumberedPage<OrderDto>> {
    return answering(() => this.orders.search(principal, query));
  }

  @Get('orders/:code')
  @Operation('getOrder', 'One order by its exact code.')
  @Responds(200, orderAnswer, 'The order.')
  @Problems(404)
  async order(@CurrentPrincipal() principal: Principal, @ZodParam('code', text(64)) code: string): Promise<OrderDto> {
    const order = await this.orders.byCode(principal, code);
    if (!order) throw notFound('order', code);
    return order;
  }
}
