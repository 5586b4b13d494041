import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope, EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { CommunicationChannel, CommunicationMessage, CommunicationOrigin, CommunicationStatus } from '@switchboard/communications/domain';
import { DomainRuleError, IllegalTransitionError, asRequestEvent, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Channel, RequestCommand, RequestEvent, RequestState } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ProcessManager } from '../process-managers/process-manager';

/** The communications' sending point, narrowed to what the service desk asks of it (`Communications`). */
export interface CommunicationsSendingPoint {
  request(
    request: {
      readonly department: string;
      readonly clientId: string;
      readonly communicationType: string;
      readonly message: CommunicationMessage;
      readonly origin?: CommunicationOrigin;
      readonly channel?: CommunicationChannel;
      readonly address?: string;
      readonly by: string;
    },
    envelope: CommandEnvelope,
  ): Promise<{ readonly communicationId: string }>;
  find(communicationId: string): Promise<{ readonly origin?: CommunicationOrigin; readonly status: CommunicationStatus } | undefined>;
}

/** The outbox's rows of before the drain (ADR 0023 addendum): a reply it holds is the outbox's to send. */
export interface OutboxHoldings {
  holds(requestId: string, outboundId: string): Promise<boolean>;
}

/** A request without a department yet: its communications count against no department's preferences or limits. */
export const UNROUTED_DEPARTMENT = 'unrouted';

/** The channels a request came in on that the sending point can answer on, as its channel: the reply goes back there. */
const answeredOn: Partial<Record<Channel, CommunicationChannel>> = { telegram: 'messenger', sms: 'sms' };

/** The command id of the communication for one reply or notice of a request: a replay finds the same communication. */
export const requestCommunicationCommandId = (requestId: string, outboundId: string): string => `request-outbound:${requestId}:${outboundId}`;

/** The origin's id names the request and its reply or notice (a request id is a UUID: the first colon splits them). */
const originId = (requestId: string, outboundId: string): string => `${requestId}:${outboundId}`;

function parseOrigin(origin: CommunicationOrigin | undefined): { requestId: string; outboundId: string } | undefined {
  if (!origin || (origin.kind !== 'request-reply' && origin.kind !== 'request-notice')) return undefined;
  const cut = origin.id.indexOf(':');
  if (cut <= 0) return undefined;
  return { requestId: origin.id.slice(0, cut), outboundId: origin.id.slice(cut + 1) };
}

/**
 * Every client-facing message of the service desk goes through the communications' sending point
 * (issue 15; ADR 0023 addendum): an operator's reply (`ReplySent`) becomes a `personal`
 * communication, a notice (`ClientNotified`: closure, problem closure, SLA) a `service` one. A
 * request that came in on Telegram or SMS is answered there, at its chat or number; any other
 * (a call, an operator, the ESB, email) goes by the department's preference to the client's
 * linked phone or email. The communication's command id derives from the request and the
 * message's id, so a replay of this process manager creates nothing new.
 */
export class RequestCommunicationsProcessManager implements ProcessManager {
  readonly name = 'request-communications';
  readonly filter = { eventTypes: ['ReplySent', 'ClientNotified'] };
  private readonly requests: EventSourcedRepository<RequestCommand, RequestEvent, RequestState>;

  constructor(
    store: EventStore,
    private readonly communications: CommunicationsSendingPoint,
    private readonly outbox?: OutboxHoldings,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
  }

  async handle(event: RecordedEvent): Promise<void> {
    const message = asRequestEvent(event);
    if (message?.type !== 'ReplySent' && message?.type !== 'ClientNotified') return;
    const d = message.data;
    const outboundId = message.type === 'ReplySent' ? message.data.replyId : message.data.notificationId;
    if (await this.outbox?.holds(d.requestId, outboundId)) return;
    const { state } = await this.requests.load(requestStreamId(d.requestId));
    if (!state.exists) return;
    const channel = answeredOn[d.contact.channel];
    await this.communications.request(
      {
        department: state.department ?? UNROUTED_DEPARTMENT,
        // A contact no client is linked to (an unknown Telegram chat) is its own "client" for availability and limits.
        clientId: state.clientId ?? `contact:${d.contact.channel}:${d.contact.address}`,
        communicationType: message.type === 'ReplySent' ? 'personal' : 'service',
        message: { text: d.text },
        origin: { kind: message.type === 'ReplySent' ? 'request-reply' : 'request-notice', id: originId(d.requestId, outboundId) },
        ...(channel ? { channel, address: d.contact.address } : {}),
        by: d.by,
      },
      { commandId: requestCommunicationCommandId(d.requestId, outboundId), origin: 'system', correlationId: d.requestId, causationId: event.id },
    );
  }
}

type Outcome =
  | { outcome: 'scheduled'; until: string; reason: string }
  | { outcome: 'sent'; channelMessageId?: string }
  | { outcome: 'delivered' }
  | { outcome: 'failed'; reason: string };

/** What a communication's event means for the request's reply or notice; nothing for the others. */
function outcomeOf(event: RecordedEvent): Outcome | undefined {
  const data = event.data as { providerMessageId?: string; reason?: string; rule?: string; detail?: string; until?: string };
  switch (event.type) {
    case 'CommunicationBooked':
      return data.until ? { outcome: 'scheduled', until: data.until, reason: data.reason ?? 'requested' } : undefined;
    case 'CommunicationSent':
      return { outcome: 'sent', ...(data.providerMessageId ? { channelMessageId: data.providerMessageId } : {}) };
    case 'CommunicationDelivered':
      return { outcome: 'delivered' };
    case 'CommunicationFailed':
      return { outcome: 'failed', reason: data.reason ?? 'unknown' };
    case 'CommunicationBlocked':
      return { outcome: 'failed', reason: `blocked by the ${data.rule ?? 'communications'} policy: ${data.detail ?? ''}`.trim() };
    default:
      return undefined;
  }
}

/**
 * The communication's outcome back on the request's conversation, where the card shows it:
 * scheduled (held by quiet hours, availability or a limit: when it goes and why), sent (with the
 * channel's message id), delivered, failed with the reason, blocked by a policy (a failure naming
 * the rule). Once per outcome: the command id derives from the communication and the event (a
 * booking per event, since one may be booked again), and the request keeps only forward moves.
 */
export class RequestCommunicationOutcomesProcessManager implements ProcessManager {
  readonly name = 'request-communication-outcomes';
  readonly filter = { eventTypes: ['CommunicationBooked', 'CommunicationSent', 'CommunicationDelivered', 'CommunicationFailed', 'CommunicationBlocked'] };
  private readonly logger = new Logger('request-communications');

  constructor(
    private readonly communications: Pick<CommunicationsSendingPoint, 'find'>,
    private readonly commands: Pick<CommandBus, 'execute'>,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const outcome = outcomeOf(event);
    const communicationId = (event.data as { communicationId?: string }).communicationId;
    if (!outcome || !communicationId) return;
    const target = parseOrigin((await this.communications.find(communicationId))?.origin);
    if (!target) return;
    try {
      await this.commands.execute(
        new ExecuteRequestCommand(
          target.requestId,
          {
            type: 'RecordOutboundOutcome',
            outboundId: target.outboundId,
            ...outcome,
            by: 'system:communications',
            now: new Date(),
          },
          {
            commandId: event.type === 'CommunicationBooked' ? `communication:${communicationId}:${event.id}` : `communication:${communicationId}:${event.type}`,
            origin: 'system',
            correlationId: target.requestId,
            causationId: event.id,
          },
        ),
      );
    } catch (error) {
      // The request can never take this outcome (it is gone, the message is not its): retrying would park the event.
      if (!(error instanceof DomainRuleError || error instanceof IllegalTransitionError)) throw error;
      this.logger.error(`outcome of communication ${communicationId} not recorded on request ${target.requestId}: ${error.message}`);
    }
  }
}
