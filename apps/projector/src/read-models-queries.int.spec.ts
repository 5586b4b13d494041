import { randomUUID } from 'node:crypto';
import { InvalidQueryError } from '@switchboard/read-models';
import type { CursorPage, RequestListItem } from '@switchboard/read-models';
import { clients, orders, people, startReadModelsTestApp } from './testing/read-models-test-app';
import type { ReadModelsTestApp } from './testing/read-models-test-app';

const manager = people.hdManagerNorth;
const operator = people.hdUserNorth;
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 20, 9, minute, 0));

describe('read-model queries', () => {
  let t: ReadModelsTestApp;
  let last: string | null = null;

  /** A north request registered at `minute`, with its first message. */
  async function register(
    minute: number,
    fields: { subject?: string; text?: string; channel?: 'telegram' | 'sms'; clientId?: string; address?: string; id?: string } = {},
  ): Promise<string> {
    const id = fields.id ?? randomUUID();
    const now = at(minute);
    const result = await t.onRequest(id, {
      type: 'RegisterRequest',
      requestId: id,
      contact: { channel: fields.channel ?? 'telegram', address: fields.address ?? `chat-${minute}` },
      department: 'first-line-north',
      subject: fields.subject,
      clientId: fields.clientId,
      message: { messageId: `m-${id}`, text: fields.text ?? `message ${minute}`, receivedAt: now },
      by: 'channel:telegram',
      now,
    });
    last = result.position;
    return id;
  }

  async function allPages(fetch: (cursor?: string) => Promise<CursorPage<RequestListItem>>, between?: () => Promise<void>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await fetch(cursor);
      ids.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
      await between?.();
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    t = await startReadModelsTestApp('rm_queries');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('request list', () => {
    let original: string[];

    beforeAll(async () => {
      original = [];
      for (let minute = 0; minute < 23; minute++) original.push(await register(minute));
      await t.settled(last);
    });

    it('pages with a keyset cursor that stays stable while new requests arrive', async () => {
      let minute = 100;
      const seen = await allPages(
        (cursor) => t.requests.list(manager, { limit: 5 }, cursor),
        async () => {
          // Newer requests land on top of the list, before the pages still to come.
          await register(minute++);
          await t.settled(last);
        },
      );
      const newest = [...original].reverse();
      expect(seen.filter((id) => original.includes(id))).toEqual(newest);
      expect(seen).toHaveLength(original.length);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('pages in ascending creation order too, and refuses a cursor of another sort', async () => {
      const page = await t.requests.list(manager, { sort: 'createdAt', limit: 3 });
      expect(page.items.map((i) => i.id)).toEqual(original.slice(0, 3));
      const next = await t.requests.list(manager, { sort: 'createdAt', limit: 3 }, page.nextCursor ?? undefined);
      expect(next.items.map((i) => i.id)).toEqual(original.slice(3, 6));
      await expect(t.requests.list(manager, { sort: '-updatedAt' }, page.nextCursor ?? undefined)).rejects.toThrow(InvalidQueryError);
    });

    it('filters by state, channel, assignee, client and creation time', async () => {
      const sms = await register(200, { channel: 'sms', clientId: clients[1].id });
      const assigned = await t.onRequest(sms, { type: 'AssignRequest', assigneeId: operator.userId, by: manager.userId, now: at(201) });
      await t.settled(assigned.position);
      const ids = async (filters: Parameters<typeof t.requests.list>[1]): Promise<string[]> =>
        (await t.requests.list(manager, { limit: 100, ...filters })).items.map((i) => i.id);
      expect(await ids({ state: ['IN_PROGRESS'] })).toEqual([sms]);
      expect(await ids({ channel: ['sms'] })).toEqual([sms]);
      expect(await ids({ assignee: operator.userId })).toEqual([sms]);
      expect(await ids({ assignee: null })).not.toContain(sms);
      expect(await ids({ clientId: clients[1].id })).toEqual([sms]);
      expect(await ids({ from: at(0), to: at(3) })).toEqual(original.slice(0, 3).reverse());
      await expect(ids({ state: ['OPEN' as never] })).rejects.toThrow(InvalidQueryError);
      await expect(ids({ clientId: 'client-1' })).rejects.toThrow(InvalidQueryError);
    });

    it('searches words in the subject, the last message and the client’s name', async () => {
      const router = await register(300, { subject: 'Router reboots at night', text: 'it blinks red' });
      const billing = await register(301, { subject: 'Invoice', text: 'Charged twice for October' });
      const petrov = await register(302, { subject: 'Question', clientId: clients[0].id });
      const fedorov = await register(303, { subject: 'Question', clientId: clients[3].id });
      await t.settled(last);
      const q = async (text: string): Promise<string[]> => (await t.requests.list(manager, { q: text, limit: 100 })).items.map((i) => i.id);
      expect(await q('router')).toEqual([router]);
      expect(await q('BLINKS red')).toEqual([router]);
      expect(await q('twice october')).toEqual([billing]);
      expect(await q('ivan petrov')).toEqual([petrov]);
      expect(await q('федоров')).toEqual([fedorov]);
      expect(await q('100%_off')).toEqual([]);
    });

    it('finds a request by the text of any later message, its contact’s or client’s phone, and its short number', async () => {
      const conversation = await register(350, { subject: 'Line noise', text: 'crackling on calls' });
      for (const [minute, text] of [
        [351, 'the technician said the splitter is faulty'],
        [352, 'still crackling'],
      ] as const) {
        const received = await t.onRequest(conversation, {
          type: 'ReceiveMessage',
          message: { messageId: `m-${randomUUID()}`, text, receivedAt: at(minute) },
          by: 'channel:telegram',
          now: at(minute),
        });
        last = received.position;
      }
      const texted = await register(353, { channel: 'sms', address: '+79267770011', text: 'no signal' });
      const kuznetsov = await register(354, { subject: 'Question', clientId: clients[2].id });
      const numbered = await register(355, { subject: 'Numbered', id: `c0ffee12-${randomUUID().slice(9)}` });
      await t.settled(last);
      const q = async (text: string): Promise<string[]> => (await t.requests.list(manager, { q: text, limit: 100 })).items.map((i) => i.id);
      // An earlier message, no longer the last one nor the subject.
      expect(await q('splitter faulty')).toEqual([conversation]);
      expect(await q('+7 926 777')).toEqual([texted]);
      expect(await q('7 495 111 22 33')).toEqual([kuznetsov]);
      expect(await q('+7495111')).toEqual([kuznetsov]);
      expect(await q('c0ffee12')).toEqual([numbered]);
      expect(await q('#C0FFEE12')).toEqual([numbered]);
      expect(await q('c0ffee1')).toEqual([]);
    });

    it('answers a query given a command’s position only once the read models have passed it', async () => {
      const id = randomUUID();
      const result = await t.onRequest(id, {
        type: 'RegisterRequest',
        requestId: id,
        contact: { channel: 'phone', address: '+79160001122' },
        department: 'first-line-north',
        by: 'channel:phone',
        now: at(400),
      });
      const page = await t.requests.list(manager, { minPosition: result.position ?? undefined, limit: 1 });
      expect(page.items[0].id).toBe(id);
      expect(await t.requests.byId(manager, id, { minPosition: result.position ?? undefined })).toMatchObject({ id, state: 'NEW', channel: 'phone' });
      await expect(t.requests.list(manager, { minPosition: 'yesterday' })).rejects.toThrow(InvalidQueryError);
    });
  });

  describe('one request', () => {
    it('carries its conversation with delivery states, its status history and its incident', async () => {
      const id = randomUUID();
      const incidentId = randomUUID();
      const replyId = randomUUID();
      await t.onRequest(id, {
        type: 'RegisterRequest',
        requestId: id,
        contact: { channel: 'sms', address: '+79161234567', displayName: 'Ivan' },
        department: 'first-line-north',
        subject: 'No internet',
        message: { messageId: 'sms-1', text: 'No internet since morning', receivedAt: at(500) },
        by: 'channel:sms',
        now: at(500),
      });
      await t.onRequest(id, { type: 'AssignRequest', assigneeId: operator.userId, by: operator.userId, now: at(501) });
      await t.onRequest(id, { type: 'LinkClient', clientId: clients[0].id, by: operator.userId, now: at(502) });
      await t.onRequest(id, { type: 'LinkOrder', orderId: orders[0].id, orderCode: orders[0].code, by: operator.userId, now: at(503) });
      await t.onRequest(id, { type: 'SendReply', replyId, text: 'Checking your line', by: operator.userId, now: at(504) });
      await t.onRequest(id, { type: 'RecordOutboundOutcome', outboundId: replyId, outcome: 'delivered', by: 'channel:sms', now: at(505) });
      const heldReplyId = randomUUID();
      await t.onRequest(id, { type: 'SendReply', replyId: heldReplyId, text: 'A technician comes at 9', by: operator.userId, now: at(505) });
      await t.onRequest(id, {
        type: 'RecordOutboundOutcome',
        outboundId: heldReplyId,
        outcome: 'scheduled',
        until: '2026-12-08T08:00:00.000Z',
        reason: 'quiet-hours',
        by: 'system:communications',
        now: at(505),
      });
      await t.onRequest(id, { type: 'EscalateRequest', incidentId, serviceCode: 1001, by: operator.userId, now: at(506) });
      await t.onIncident(incidentId, {
        type: 'OpenIncident',
        incidentId,
        requestId: id,
        serviceCode: 1001,
        workGroupCode: 301,
        by: 'system:escalation',
        now: at(507),
      });
      await t.onIncident(incidentId, { type: 'StartIncident', by: people.l3UserNetwork.userId, now: at(508) });
      const done = await t.onIncident(incidentId, {
        type: 'AddNarrative',
        narrativeId: randomUUID(),
        text: 'Replaced the ONT',
        by: people.l3UserNetwork.userId,
        now: at(509),
      });
      await t.settled(done.position);

      const request = await t.requests.byId(operator, id);
      expect(request).toMatchObject({
        id,
        state: 'ESCALATED',
        channel: 'sms',
        contact: { address: '+79161234567', displayName: 'Ivan' },
        subject: 'No internet',
        department: 'first-line-north',
        assigneeId: operator.userId,
        client: { id: clients[0].id, name: 'Petrov Ivan Sergeevich', phone: '+79161234567' },
        order: { id: orders[0].id, code: 'ORD-100001' },
        service: { code: 1001, name: 'Home internet' },
        workGroup: { code: 301, name: 'Network L3' },
        incident: { id: incidentId, state: 'IN_WORK', assigneeId: people.l3UserNetwork.userId },
        lastMessage: { text: 'A technician comes at 9', direction: 'outbound' },
        messageCount: 3,
        access: 'full',
      });
      expect(request?.conversation.map((m) => [m.kind, m.text, m.delivery?.state ?? null])).toEqual([
        ['inbound', 'No internet since morning', null],
        ['reply', 'Checking your line', 'delivered'],
        ['reply', 'A technician comes at 9', 'scheduled'],
      ]);
      // Held back by the client's quiet hours: when it goes, and why.
      expect(request?.conversation[2].delivery).toEqual({ state: 'scheduled', reason: 'quiet-hours', at: '2026-12-08T08:00:00.000Z' });
      expect(request?.statusHistory.map((s) => [s.from, s.to, s.by])).toEqual([
        [null, 'NEW', 'channel:sms'],
        ['NEW', 'IN_PROGRESS', operator.userId],
        ['IN_PROGRESS', 'ESCALATED', operator.userId],
      ]);
      expect(request?.incidents.map((i) => [i.id, i.state])).toEqual([[incidentId, 'IN_WORK']]);

      const incident = await t.incidents.byId(people.l3UserNetwork, incidentId);
      expect(incident).toMatchObject({
        state: 'IN_WORK',
        narrativeCount: 1,
        lastNarrative: { text: 'Replaced the ONT' },
        client: { id: clients[0].id },
        access: 'full',
      });
      expect(incident?.narrative.map((n) => n.text)).toEqual(['Replaced the ONT']);
      expect(incident?.statusHistory.map((s) => [s.from, s.to])).toEqual([
        [null, 'NEW'],
        ['NEW', 'IN_WORK'],
      ]);
      const filtered = async (filters: Parameters<typeof t.incidents.list>[1]): Promise<string[]> =>
        (await t.incidents.list(people.l3ManagerNetwork, filters)).items.map((i) => i.id);
      expect(await filtered({ workGroup: 301, service: 1001, state: ['IN_WORK'], assignee: people.l3UserNetwork.userId })).toEqual([incidentId]);
      expect(await filtered({ clientId: clients[0].id })).toEqual([incidentId]);
      expect(await filtered({ q: 'ont' })).toEqual([incidentId]);
      expect(await filtered({ q: 'petrov' })).toEqual([incidentId]);
      expect(await filtered({ workGroup: 302 })).toEqual([]);
      expect(await t.requests.byId(operator, 'not-a-uuid')).toBeUndefined();
    });
  });

  describe('clients and orders', () => {
    it('finds clients by name words in any order, by phone prefix, and by organisation', async () => {
      const names = async (q: string): Promise<string[]> => (await t.clients.search(operator, { q })).items.map((c) => c.name);
      expect(await names('ivan petrov')).toEqual(['Petrov Ivan Sergeevich']);
      expect(await names('sokol')).toEqual(['Sokolova Maria']);
      // A phone prefix pages in phone order: +79161110000, +79161234567.
      expect(await names('+7916')).toEqual(['Фёдоров Семён', 'Petrov Ivan Sergeevich']);
      expect(await names('7 903 555')).toEqual(['Sokolova Maria']);
      expect(await names('stroymontazh')).toEqual(['Kuznetsov Oleg']);
      expect(await names('федоров')).toEqual(['Фёдоров Семён']);
      const paged = await t.clients.search(operator, { q: '', page: 2, pageSize: 3 });
      expect(paged).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(paged.items).toHaveLength(1);
    });

    it('counts up to 1,000 then answers "1000+", and pages phone prefixes and the whole list by cursor', async () => {
      await t.pool.query(
        `INSERT INTO customers_clients (id, first_name, last_name, phone, name_key, created_at, updated_at)
         SELECT gen_random_uuid(), 'Many' || n, 'Capped', '+7955' || lpad(n::text, 7, '0'), 'capped many' || n, now(), now() FROM generate_series(1, 1001) n`,
      );
      try {
        expect((await t.clients.search(operator, { q: '+79550000', pageSize: 1 })).total).toBe(999);
        expect((await t.clients.search(operator, { q: '+7955', pageSize: 1 })).total).toBe('1000+');
        expect((await t.clients.search(operator, { q: '' })).total).toBe('1000+');

        const phones: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await t.clients.search(operator, { q: '7 955 000 001', pageSize: 3, cursor });
          expect(page.total).toBe(10);
          phones.push(...page.items.map((c) => c.phone));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(phones).toEqual(Array.from({ length: 10 }, (_, i) => `+795500000${10 + i}`));

        const names: string[] = [];
        cursor = undefined;
        for (let pages = 0; pages < 10 && names.length < 30; pages++) {
          const page = await t.clients.search(operator, { pageSize: 7, cursor });
          names.push(...page.items.map((c) => c.name));
          cursor = page.nextCursor ?? undefined;
        }
        const numbered = [
          ...(await t.clients.search(operator, { pageSize: 20 })).items,
          ...(await t.clients.search(operator, { page: 2, pageSize: 20 })).items,
        ].map((c) => c.name);
        expect(names.slice(0, 28)).toEqual(numbered.slice(0, 28));
        await expect(t.clients.search(operator, { cursor: 'bad' })).rejects.toMatchObject({ field: 'cursor' });
      } finally {
        await t.pool.query(`DELETE FROM customers_clients WHERE phone LIKE '+7955%'`);
      }
    });

    it('shows the client card with orders and only the requests and incidents the principal may see', async () => {
      const card = await t.clients.card(operator, clients[0].id);
      expect(card?.client).toMatchObject({ id: clients[0].id, name: 'Petrov Ivan Sergeevich', phone: '+79161234567', email: 'ivan.petrov@example.com' });
      expect(card?.orders.map((o) => o.code)).toEqual(['ORD-100002', 'ORD-100001']);
      // Their own request, and the department's unassigned one they may take from the queue (read-only until taken).
      expect(card?.requests.map((r) => [r.subject, r.access]).sort()).toEqual([
        ['No internet', 'full'],
        ['Question', 'read'],
      ]);
      expect(card?.incidents).toHaveLength(1);

      const asManager = await t.clients.card(manager, clients[0].id);
      expect(asManager?.requests.map((r) => r.subject).sort()).toEqual(['No internet', 'Question']);
      const asStranger = await t.clients.card(people.hdUserSouth, clients[0].id);
      expect(asStranger?.requests).toEqual([]);
      expect(asStranger?.incidents).toEqual([]);
      expect(asStranger?.orders).toHaveLength(2);
      expect(await t.clients.card(operator, randomUUID())).toBeUndefined();
    });

    it('finds orders by part of the code or name, per client, and by exact code', async () => {
      const codes = async (search: Parameters<typeof t.orders.search>[1]): Promise<string[]> =>
        (await t.orders.search(operator, search)).items.map((o) => o.code);
      expect(await codes({ q: 'ORD-10000' })).toEqual(['ORD-100004', 'ORD-100003', 'ORD-100002', 'ORD-100001']);
      expect(await codes({ q: 'fibre' })).toEqual(['ORD-100004', 'ORD-100001']);
      expect(await codes({ clientId: clients[0].id })).toEqual(['ORD-100002', 'ORD-100001']);
      expect(await t.orders.byCode(operator, 'ORD-100003')).toMatchObject({
        name: 'IP telephony, 10 lines',
        cost: '4200.00',
        client: { name: 'Kuznetsov Oleg' },
      });
      expect(await t.orders.byCode(operator, 'ORD-404')).toBeUndefined();
    });
  });

  describe('saved filters', () => {
    it('keeps each user’s named filters, replaces one saved again under its name, and deletes only the owner’s', async () => {
      const saved = await t.savedFilters.save(operator, { resource: 'requests', name: 'My open', filters: { state: ['NEW', 'IN_PROGRESS'] } });
      await t.savedFilters.save(operator, { resource: 'incidents', name: 'Network', filters: { workGroup: 301 } });
      const replaced = await t.savedFilters.save(operator, { resource: 'requests', name: 'My open', filters: { state: ['IN_PROGRESS'] } });
      expect(replaced.id).toBe(saved.id);
      expect((await t.savedFilters.list(operator)).map((f) => [f.resource, f.name, f.filters])).toEqual([
        ['incidents', 'Network', { workGroup: 301 }],
        ['requests', 'My open', { state: ['IN_PROGRESS'] }],
      ]);
      expect(await t.savedFilters.list(manager)).toEqual([]);
      expect(await t.savedFilters.delete(manager, saved.id)).toBe(false);
      expect(await t.savedFilters.delete(operator, saved.id)).toBe(true);
      expect((await t.savedFilters.list(operator, 'requests')).length).toBe(0);
      await expect(t.savedFilters.save(operator, { resource: 'requests', name: ' ', filters: {} })).rejects.toThrow(InvalidQueryError);
    });
  });
});
