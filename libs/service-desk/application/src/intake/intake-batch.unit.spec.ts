import type { RecordedEvent, StreamAppend, StreamAppendOutcome } from '@switchboard/eventstore';
import { requestStreamId } from '@switchboard/service-desk/domain';
import type { RequestEvent } from '@switchboard/service-desk/domain';
import { IntakeBatchConflictError, IntakeClientsNeededError, storeIntakeBatch } from './intake-batch';
import type { BatchContact } from './intake-batch';
import type { IntakeBatchTransaction, OpenRequestChange, StoredMessage } from './intake-batch.ports';
import type { ContactLedgerEntry } from './intake.ports';
import { deterministicUuid } from './deterministic-uuid';

const now = new Date('2026-12-01T10:00:00Z');
const at = now.toISOString();

const contact = (address: string, messageId: string, extra: Partial<BatchContact['inbound']> = {}, client: BatchContact['client'] = {}): BatchContact => ({
  inbound: { channel: 'telegram', messageId, contact: { channel: 'telegram', address }, text: `text ${messageId}`, receivedAt: now, ...extra },
  client,
});

/** The batch's transaction in memory: streams as recorded events, appends checked like the store does. */
class FakeTransaction implements IntakeBatchTransaction {
  appended: StreamAppend[] = [];
  stored: StoredMessage[] = [];
  openRequests: OpenRequestChange[] = [];
  refuse = new Set<string>();

  constructor(
    readonly entries: ContactLedgerEntry[],
    private readonly streams: Map<string, RecordedEvent[]> = new Map(),
  ) {}

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    return new Map(streamIds.filter((id) => this.streams.has(id)).map((id) => [id, this.streams.get(id) as RecordedEvent[]]));
  }

  async append(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    this.appended.push(...appends);
    return appends.map((a, i) =>
      this.refuse.has(a.streamId)
        ? { appended: false, actual: 7n }
        : { appended: true, nextExpectedRevision: BigInt(a.events.length - 1), positions: a.events.map((_, j) => `1:${i * 100 + j}`) },
    );
  }

  async record(stored: readonly StoredMessage[], openRequests: readonly OpenRequestChange[]): Promise<void> {
    this.stored = [...stored];
    this.openRequests = [...openRequests];
  }

  types(streamId: string): string[] {
    return this.appended.filter((a) => a.streamId === streamId).flatMap((a) => a.events.map((e) => e.type));
  }
}

function recorded(streamId: string, events: RequestEvent[]): RecordedEvent[] {
  return events.map((e, i) => ({ id: `${i}`, type: e.type, streamId, revision: BigInt(i), position: `0:${i}`, data: e.data, metadata: {}, createdAt: now }));
}

const openRequestId = '11111111-1111-5111-8111-111111111111';
const openRequest = (closed = false): Map<string, RecordedEvent[]> => {
  const events: RequestEvent[] = [
    { type: 'RequestRegistered', data: { requestId: openRequestId, by: 'channel:telegram', at, contact: { channel: 'telegram', address: 'chat-1' } } },
  ];
  if (closed)
    events.push({ type: 'RequestClosed', data: { requestId: openRequestId, by: 'op', at, reason: 'done', transition: { from: 'NEW', to: 'CLOSED' } } });
  return new Map([[requestStreamId(openRequestId), recorded(requestStreamId(openRequestId), events)]]);
};

describe('storing a batch of contacts in one transaction', () => {
  it('registers a request for a first contact, appended as a new stream', async () => {
    const tx = new FakeTransaction([{}]);
    const [result] = await storeIntakeBatch(tx, [contact('chat-9', 'm1')], 'first-line-north', now);
    const requestId = deterministicUuid('request:telegram:m1');
    expect(result).toEqual({ requestId, registered: true, duplicate: false, position: '1:1' });
    expect(tx.appended).toEqual([expect.objectContaining({ streamId: requestStreamId(requestId), expectedRevision: 'no_stream' })]);
    expect(tx.types(requestStreamId(requestId))).toEqual(['RequestRegistered', 'MessageReceived']);
    expect(tx.stored).toEqual([{ message: { channel: 'telegram', address: 'chat-9', messageId: 'm1' }, requestId }]);
    expect(tx.openRequests).toEqual([{ channel: 'telegram', address: 'chat-9', requestId }]);
  });

  it('routes a new contact by the first routing rule that matches, recording the rule; others go to the intake department', async () => {
    const rules = [
      {
        id: 'rule-1',
        name: 'Outage',
        enabled: true,
        conditions: { keywords: ['outage'] },
        outcome: { department: 'first-line-south', priority: 'P1' as const, tags: ['outage'] },
      },
    ];
    const tx = new FakeTransaction([{}, {}]);
    await storeIntakeBatch(tx, [contact('chat-7', 'r1', { text: 'Outage on our street' }), contact('chat-8', 'r2')], 'first-line-north', now, 0, rules);
    const registration = (messageId: string) =>
      tx.appended.find((a) => a.streamId === requestStreamId(deterministicUuid(`request:telegram:${messageId}`)))?.events[0].data;
    expect(registration('r1')).toMatchObject({
      department: 'first-line-south',
      priority: 'P1',
      tags: ['outage'],
      routedBy: { ruleId: 'rule-1', ruleName: 'Outage' },
    });
    expect(registration('r2')).toMatchObject({ department: 'first-line-north' });
    expect(registration('r2')).not.toHaveProperty('routedBy');
  });

  describe('a contact writing again after their request closed', () => {
    const day = 86_400_000;

    it('reopens it within the reopen window, with the message', async () => {
      const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest(true));
      const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm5')], 'first-line-north', new Date(now.getTime() + 6 * day), 7 * day);
      expect(result).toMatchObject({ requestId: openRequestId, registered: false, duplicate: false });
      expect(tx.types(requestStreamId(openRequestId))).toEqual(['RequestReopened', 'MessageReceived']);
      expect(tx.openRequests).toEqual([]);
    });

    it('registers a new request that follows it, within the window too, when an operator registers the contact (reopens: false)', async () => {
      const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest(true));
      const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm7', { reopens: false })], 'first-line-north', new Date(now.getTime() + day), 7 * day);
      const requestId = deterministicUuid('request:telegram:m7');
      expect(result).toMatchObject({ requestId, registered: true });
      const registered = tx.appended.find((a) => a.streamId === requestStreamId(requestId))?.events[0];
      expect(registered).toMatchObject({ type: 'RequestRegistered', data: expect.objectContaining({ previousRequestId: openRequestId }) });
      expect(tx.types(requestStreamId(openRequestId))).toEqual([]);
    });

    it('registers a new request that follows it once the window has passed', async () => {
      const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest(true));
      const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm6')], 'first-line-north', new Date(now.getTime() + 8 * day), 7 * day);
      const requestId = deterministicUuid('request:telegram:m6');
      expect(result).toMatchObject({ requestId, registered: true });
      const registered = tx.appended.find((a) => a.streamId === requestStreamId(requestId))?.events[0];
      expect(registered).toMatchObject({ type: 'RequestRegistered', data: expect.objectContaining({ previousRequestId: openRequestId }) });
      expect(tx.types(requestStreamId(openRequestId))).toEqual([]);
    });
  });

  it('joins a message to the contact’s open request at its loaded revision', async () => {
    const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest());
    const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm2')], undefined, now);
    expect(result).toMatchObject({ requestId: openRequestId, registered: false, duplicate: false });
    expect(tx.appended).toEqual([expect.objectContaining({ streamId: requestStreamId(openRequestId), expectedRevision: 0n })]);
    expect(tx.openRequests).toEqual([]);
  });

  it('registers a new request when the open request was closed meanwhile', async () => {
    const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest(true));
    const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm3')], undefined, now);
    expect(result).toMatchObject({ registered: true, requestId: deterministicUuid('request:telegram:m3') });
    expect(tx.openRequests).toEqual([{ channel: 'telegram', address: 'chat-1', requestId: result.requestId }]);
  });

  it('puts a burst of one new contact into one request, in order, and a repeated message once', async () => {
    const tx = new FakeTransaction([{}, {}, {}, {}]);
    const results = await storeIntakeBatch(
      tx,
      [contact('chat-5', 'a'), contact('chat-5', 'b'), contact('chat-5', 'a'), contact('chat-5', 'c')],
      undefined,
      now,
    );
    const requestId = deterministicUuid('request:telegram:a');
    expect(results.map((r) => [r.requestId, r.registered, r.duplicate])).toEqual([
      [requestId, true, false],
      [requestId, false, false],
      [requestId, false, true],
      [requestId, false, false],
    ]);
    expect(tx.types(requestStreamId(requestId))).toEqual(['RequestRegistered', 'MessageReceived', 'MessageReceived', 'MessageReceived']);
    expect(results.map((r) => r.position)).toEqual(['1:1', '1:2', null, '1:3']);
    expect(tx.stored.map((s) => s.message.messageId)).toEqual(['a', 'b', 'c']);
  });

  it('answers a message the ledger already holds as a duplicate, appending nothing', async () => {
    const tx = new FakeTransaction([{ storedIn: openRequestId, openRequest: openRequestId }], openRequest());
    const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm0')], undefined, now);
    expect(result).toEqual({ requestId: openRequestId, registered: false, duplicate: true, position: null });
    expect(tx.appended).toEqual([]);
  });

  it('links the order of a client resolved before the batch', async () => {
    const tx = new FakeTransaction([{}]);
    const [result] = await storeIntakeBatch(
      tx,
      [
        contact(
          '+15550001',
          'esb-1',
          { channel: 'esb', contact: { channel: 'esb', address: '+15550001' } },
          { clientId: 'c-1', order: { orderId: 'o-1', orderCode: 'ORD-1' } },
        ),
      ],
      undefined,
      now,
    );
    expect(tx.types(requestStreamId(result.requestId))).toEqual(['RequestRegistered', 'MessageReceived', 'OrderLinked']);
    const ids = tx.appended[0].events.map((e) => e.metadata?.commandId);
    expect(ids).toEqual(['intake:store:esb:esb-1', 'intake:store:esb:esb-1', 'intake:link-order:esb:esb-1']);
  });

  it('gives the events the ids the contact-by-contact path gives them', async () => {
    const tx = new FakeTransaction([{}]);
    await storeIntakeBatch(tx, [contact('chat-9', 'm1')], undefined, now);
    const streamId = requestStreamId(deterministicUuid('request:telegram:m1'));
    expect(tx.appended[0].events[0].id).toBe(deterministicUuid(`${streamId}:intake:store:telegram:m1:0`));
  });

  it('asks for the client of a contact whose open request closed, when nobody looked it up', async () => {
    const tx = new FakeTransaction([{}, { openRequest: openRequestId }], openRequest(true));
    const batch = [contact('chat-2', 'm5', {}, {}), { ...contact('chat-1', 'm6', { client: { phone: '+15550002' } }), client: undefined }];
    await expect(storeIntakeBatch(tx, batch, undefined, now)).rejects.toMatchObject({ constructor: IntakeClientsNeededError, contacts: [1] });
    expect(tx.appended).toEqual([]);
  });

  it('registers the request for the client looked up on the second run', async () => {
    const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest(true));
    const [result] = await storeIntakeBatch(tx, [contact('chat-1', 'm6', { client: { phone: '+15550002' } }, { clientId: 'client-7' })], undefined, now);
    expect(tx.appended[0].events[0]).toMatchObject({ type: 'RequestRegistered', data: { requestId: result.requestId, clientId: 'client-7' } });
  });

  it('throws a conflict naming the streams that moved, recording nothing', async () => {
    const tx = new FakeTransaction([{ openRequest: openRequestId }], openRequest());
    tx.refuse.add(requestStreamId(openRequestId));
    await expect(storeIntakeBatch(tx, [contact('chat-1', 'm4')], undefined, now)).rejects.toBeInstanceOf(IntakeBatchConflictError);
    expect(tx.stored).toEqual([]);
  });
});
