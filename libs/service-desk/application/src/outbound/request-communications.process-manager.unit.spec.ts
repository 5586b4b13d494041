import { StreamNotFoundError } from '@switchboard/eventstore';
import type { CommandEnvelope, EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { CommunicationOrigin } from '@switchboard/communications/domain';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import type { ExecuteRequestCommand } from '../commands/service-desk.commands';
import { RequestCommunicationOutcomesProcessManager, RequestCommunicationsProcessManager } from './request-communications.process-manager';
import type { CommunicationsSendingPoint } from './request-communications.process-manager';

const at = '2026-12-07T00:00:00.000Z';
const requestId = '5b0b7f1e-4c7e-4bd4-9d3c-2c1f3a0f0c11';

function storeOf(streams: Record<string, { type: string; data: object }[]>): EventStore {
  return {
    async *readStream(streamId: string) {
      const events = streams[streamId];
      if (!events) throw new StreamNotFoundError(streamId);
      let revision = 0n;
      for (const e of events) {
        yield { id: `${streamId}:${revision}`, ...e, metadata: {}, streamId, revision, position: `1:${revision}`, createdAt: new Date(at) } as RecordedEvent;
        revision += 1n;
      }
    },
  } as unknown as EventStore;
}

const recorded = (type: string, data: object, id = 'ev-1'): RecordedEvent => ({
  id,
  type,
  data,
  metadata: {},
  streamId: `request-${requestId}`,
  revision: 1n,
  position: '1:1',
  createdAt: new Date(at),
});

type Requested = Parameters<CommunicationsSendingPoint['request']>;

function setUp(registered: object, held: string[] = []) {
  const requested: { request: Requested[0]; envelope: CommandEnvelope }[] = [];
  const communications: CommunicationsSendingPoint = {
    async request(request, envelope) {
      requested.push({ request, envelope });
      return { communicationId: 'c-1' };
    },
    find: async () => undefined,
  };
  const store = storeOf({ [`request-${requestId}`]: [{ type: 'RequestRegistered', data: { requestId, by: 'x', at, ...registered } }] });
  const manager = new RequestCommunicationsProcessManager(store, communications, { holds: async (_, outboundId) => held.includes(outboundId) });
  return { manager, requested };
}

describe('request communications process manager', () => {
  it('asks for a personal communication on the chat a Telegram request came from', async () => {
    const contact = { channel: 'telegram', address: '7001' };
    const { manager, requested } = setUp({ contact });
    await manager.handle(recorded('ReplySent', { requestId, by: 'hd.user.north', at, replyId: 'r-1', text: 'On it', contact }));
    expect(requested).toEqual([
      {
        request: {
          department: 'unrouted',
          clientId: 'contact:telegram:7001',
          communicationType: 'personal',
          message: { text: 'On it' },
          origin: { kind: 'request-reply', id: `${requestId}:r-1` },
          channel: 'messenger',
          address: '7001',
          by: 'hd.user.north',
        },
        envelope: expect.objectContaining({ commandId: `request-outbound:${requestId}:r-1`, origin: 'system' }),
      },
    ]);
  });

  it("leaves the channel to the department's preference for a request an operator registered, and a notice is of the service type", async () => {
    const contact = { channel: 'operator', address: 'hd.user.north' };
    const { manager, requested } = setUp({ contact, department: 'first-line-north', clientId: 'client-1' });
    await manager.handle(recorded('ClientNotified', { requestId, by: 'system:closure', at, notificationId: 'closure:x', text: 'Closed', contact }));
    expect(requested.map((r) => r.request)).toEqual([
      {
        department: 'first-line-north',
        clientId: 'client-1',
        communicationType: 'service',
        message: { text: 'Closed' },
        origin: { kind: 'request-notice', id: `${requestId}:closure:x` },
        by: 'system:closure',
      },
    ]);
  });

  it('leaves a reply the outbox already holds to the outbox', async () => {
    const contact = { channel: 'sms', address: '+79160000001' };
    const { manager, requested } = setUp({ contact }, ['r-old']);
    await manager.handle(recorded('ReplySent', { requestId, by: 'u', at, replyId: 'r-old', text: 'Hi', contact }));
    expect(requested).toEqual([]);
  });
});

describe('request communication outcomes process manager', () => {
  const origin: CommunicationOrigin = { kind: 'request-notice', id: `${requestId}:closure:x` };

  function setUp(found: CommunicationOrigin | undefined, fail?: Error) {
    const executed: ExecuteRequestCommand[] = [];
    const manager = new RequestCommunicationOutcomesProcessManager({ find: async () => (found ? { origin: found, status: 'SENT' } : undefined) }, {
      execute: async (command: ExecuteRequestCommand) => {
        if (fail) throw fail;
        executed.push(command);
      },
    } as never);
    return { manager, executed };
  }

  it.each([
    ['CommunicationSent', { providerMessageId: 'smsc-7' }, { outcome: 'sent', channelMessageId: 'smsc-7' }],
    ['CommunicationDelivered', {}, { outcome: 'delivered' }],
    ['CommunicationFailed', { reason: 'Telegram 403: blocked' }, { outcome: 'failed', reason: 'Telegram 403: blocked' }],
    [
      'CommunicationBlocked',
      { rule: 'client-blocked', detail: 'the client is blocked for communication' },
      { outcome: 'failed', reason: 'blocked by the client-blocked policy: the client is blocked for communication' },
    ],
  ])('records %s on the request as its outcome, once per outcome', async (type, data, expected) => {
    const { manager, executed } = setUp(origin);
    await manager.handle(recorded(type, { communicationId: 'c-1', by: 's', at, ...data }, 'ev-9'));
    expect(executed).toHaveLength(1);
    expect(executed[0].requestId).toBe(requestId);
    expect(executed[0].command).toEqual({
      type: 'RecordOutboundOutcome',
      outboundId: 'closure:x',
      ...expected,
      by: 'system:communications',
      now: expect.any(Date),
    });
    expect(executed[0].envelope.commandId).toBe(`communication:c-1:${type}`);
  });

  it('records a booking as the reply scheduled until then, once per booking (a later one moves the time)', async () => {
    const { manager, executed } = setUp(origin);
    const until = '2026-12-08T08:00:00.000Z';
    await manager.handle(recorded('CommunicationBooked', { communicationId: 'c-1', by: 's', at, until, reason: 'quiet-hours' }, 'ev-10'));
    await manager.handle(recorded('CommunicationBooked', { communicationId: 'c-1', by: 's', at, until, reason: 'rate-limit' }, 'ev-11'));
    expect(executed.map((e) => e.command)).toEqual([
      expect.objectContaining({ type: 'RecordOutboundOutcome', outboundId: 'closure:x', outcome: 'scheduled', until, reason: 'quiet-hours' }),
      expect.objectContaining({ outcome: 'scheduled', until, reason: 'rate-limit' }),
    ]);
    expect(executed.map((e) => e.envelope.commandId)).toEqual(['communication:c-1:ev-10', 'communication:c-1:ev-11']);
  });

  it("ignores a communication that is not a request's reply or notice", async () => {
    const { manager, executed } = setUp({ kind: 'mailing', id: 'm-1' });
    await manager.handle(recorded('CommunicationSent', { communicationId: 'c-1', by: 's', at }));
    expect(executed).toEqual([]);
  });

  it('gives up on an outcome the request can never take instead of retrying it forever', async () => {
    const { manager } = setUp(origin, new DomainRuleError('unknown-outbound', 'no such reply'));
    await expect(manager.handle(recorded('CommunicationSent', { communicationId: 'c-1', by: 's', at }))).resolves.toBeUndefined();
  });
});
