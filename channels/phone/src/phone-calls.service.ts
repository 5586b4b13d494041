import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { normalisePhone } from '@switchboard/customers/domain';
import { ConcurrencyConflictError, ExecuteRequestCommand } from '@switchboard/service-desk';
import { IllegalTransitionError } from '@switchboard/service-desk/domain';
import type { CallEvent } from './call-event';
import { CALL_LOG } from './call-log';
import type { CallLog, CallRecord } from './call-log';
import { MissedCalls } from './missed-calls';
import { PHONE_CALL_OPTIONS } from './phone-call-options';
import type { PhoneCallOptions } from './phone-call-options';
import { SCREEN_POP_PUBLISHER } from './screen-pop-publisher';
import type { ScreenPopPublisher } from './screen-pop-publisher';
import type { ScreenPop } from './screen-pops';

export interface CallEventOutcome {
  readonly callId: string;
  /** The call as it is now; absent when the event was not read. */
  readonly call?: CallRecord;
  /** Why the event was not read (a call that is not a customer's). */
  readonly ignored?: string;
}

/**
 * A missed call registers its request with two events (RequestRegistered, then MessageReceived):
 * revision 1. Anything later (an assignment, a reply, another message of the caller) means someone
 * works on it, and an answer that arrives after all must not close it under them.
 */
const MISSED_CALL_REQUEST_REVISION = 1n;

/**
 * Call events from the PBX (webhook or AMI). A ringing call looks the caller up and pops up on the
 * operators' screens; a call hung up without an answer becomes a "Missed call" request once the
 * grace period has passed with no late answer (MissedCalls); an answer arriving after even that
 * closes the missed-call request it created, unless someone already works on it. Calls whose
 * caller id is not a phone number (internal extensions, withheld numbers) are not customers' calls.
 */
@Injectable()
export class PhoneCalls {
  private readonly logger = new Logger('phone');

  constructor(
    @Inject(CALL_LOG) private readonly calls: CallLog,
    @Inject(SCREEN_POP_PUBLISHER) private readonly pops: ScreenPopPublisher,
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(MissedCalls) private readonly missed: MissedCalls,
    @Inject(PHONE_CALL_OPTIONS) private readonly options: PhoneCallOptions,
  ) {}

  async handle(event: CallEvent): Promise<CallEventOutcome> {
    const caller = normalisePhone(event.from);
    if (!caller) return { callId: event.callId, ignored: `the caller id ${JSON.stringify(event.from)} is not a phone number (an internal or withheld call)` };
    const call = await this.calls.record(event, caller, this.options.missedCallGraceSeconds);
    switch (event.event) {
      case 'ringing':
        // A ringing event arriving after the answer or the hangup is news of the past: no pop.
        if (!call.answeredAt && !call.endedAt) await this.popUp(call, event);
        break;
      case 'answered':
        if (call.missedAt && call.requestId) await this.closeMissedCallRequest(call, call.requestId);
        break;
      case 'hangup':
        if (!call.answeredAt && !call.requestId) this.missed.lookIn(this.options.missedCallGraceSeconds * 1000);
        break;
    }
    return { callId: call.callId, call };
  }

  private async closeMissedCallRequest(call: CallRecord, requestId: string): Promise<void> {
    try {
      const closed = await this.commands.execute(
        new ExecuteRequestCommand(
          requestId,
          {
            type: 'CloseRequest',
            reason: 'The call was answered after all: its answer reached Switchboard after the call had been declared missed.',
            by: 'channel:phone',
            now: new Date(),
          },
          { commandId: `phone:answered:${call.callId}`, expectedRevision: MISSED_CALL_REQUEST_REVISION, origin: 'system', correlationId: requestId },
        ),
      );
      if (closed.appended) this.logger.log(`call ${call.callId} was answered after it had been declared missed: request ${requestId} closed`);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) && !(error instanceof IllegalTransitionError)) throw error;
      this.logger.warn(
        `call ${call.callId} was answered after it had been declared missed; request ${requestId} is left as it is: it was worked on or joined an open request`,
      );
    }
  }

  private async popUp(call: CallRecord, event: CallEvent): Promise<void> {
    const client = await this.customers.findClientByPhone(call.caller).catch((error: unknown) => {
      this.logger.warn(`caller of call ${call.callId} not looked up: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    const pop: ScreenPop = {
      callId: call.callId,
      from: call.caller,
      to: event.to,
      ...(event.agent ? { agent: event.agent } : {}),
      at: event.at.toISOString(),
      ...(client
        ? {
            client: {
              id: client.id,
              name: [client.lastName, client.firstName, client.middleName].filter(Boolean).join(' '),
              phone: client.phone,
              ...(client.organisation ? { organisation: client.organisation } : {}),
            },
          }
        : {}),
    };
    await this.pops.publish(pop);
  }
}
