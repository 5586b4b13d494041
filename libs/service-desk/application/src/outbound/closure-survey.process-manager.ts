import type { CommandEnvelope, EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { CommunicationChannel } from '@switchboard/communications/domain';
import { asRequestEvent, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Channel, RequestCommand, RequestEvent, RequestState } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import type { ProcessManager } from '../process-managers/process-manager';
import { UNROUTED_DEPARTMENT } from './request-communications.process-manager';

/** The communications' surveys, narrowed to what a closure asks of them (`Surveys.afterClosure`). */
export interface ClosureSurveys {
  /** Sends the department's CSAT survey about the request when the department has it on; does nothing otherwise. */
  afterClosure(
    closure: {
      readonly requestId: string;
      readonly department: string;
      readonly clientId: string;
      readonly channel?: CommunicationChannel;
      readonly address?: string;
      readonly by: string;
    },
    envelope: CommandEnvelope,
  ): Promise<unknown>;
}

/** The command id of the CSAT survey of one closure of a request (a reopened request closed again is asked again). */
export const closureSurveyCommandId = (requestId: string, closedAtRevision: bigint): string => `csat:${requestId}:${closedAtRevision}`;

const answeredOn: Partial<Record<Channel, CommunicationChannel>> = { telegram: 'messenger', sms: 'sms' };

/**
 * CSAT after closure (ADR 0027): every `RequestClosed` asks the communications' surveys for the
 * department's CSAT survey to the request's client — a communication of type `survey` through the
 * sending point, so availability, quiet hours, opt-outs and rate limits apply. A request from
 * Telegram or SMS is asked there, like its replies. The command id derives from the request and
 * the closure event's revision: a replay (a lost checkpoint, a second notifier) finds the same
 * survey and sends nothing new.
 */
export class ClosureSurveyProcessManager implements ProcessManager {
  readonly name = 'closure-surveys';
  readonly filter = { eventTypes: ['RequestClosed'] };
  private readonly requests: EventSourcedRepository<RequestCommand, RequestEvent, RequestState>;

  constructor(
    store: EventStore,
    private readonly surveys: ClosureSurveys,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
  }

  async handle(event: RecordedEvent): Promise<void> {
    const closed = asRequestEvent(event);
    if (closed?.type !== 'RequestClosed') return;
    const requestId = closed.data.requestId;
    const { state } = await this.requests.load(requestStreamId(requestId));
    if (!state.exists) return;
    const channel = answeredOn[state.contact.channel];
    await this.surveys.afterClosure(
      {
        requestId,
        department: state.department ?? UNROUTED_DEPARTMENT,
        clientId: state.clientId ?? `contact:${state.contact.channel}:${state.contact.address}`,
        ...(channel ? { channel, address: state.contact.address } : {}),
        by: 'system:surveys',
      },
      { commandId: closureSurveyCommandId(requestId, event.revision), origin: 'system', correlationId: requestId, causationId: event.id },
    );
  }
}
