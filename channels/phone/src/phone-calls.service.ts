import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { normalisePhone } from '@switchboard/customers/domain';
import { ContactIntake, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { IntakeResult } from '@switchboard/service-desk';
import type { ChannelContact } from '@switchboard/service-desk/domain';
import type { CallEvent } from './call-event';
import { CALL_LOG } from './call-log';
import type { CallLog, CallRecord } from './call-log';
import { ScreenPopHub } from './screen-pops';
import type { ScreenPop } from './screen-pops';

/** The operator registering a call they took. */
export interface CallTaker {
  readonly userId: string;
  readonly username: string;
  /** The request is assigned to them (a HelpDeskUser takes what they register). */
  readonly takesRequest: boolean;
  readonly department?: string;
}

export interface CallEventOutcome {
  readonly call: CallRecord;
  /** Operators a ringing call popped up for. */
  readonly popped?: number;
  /** The request a missed call became. */
  readonly intake?: IntakeResult;
}

/** The call is not one the PBX reported. */
export class UnknownCallError extends Error {
  constructor(readonly callId: string) {
    super(`no call ${callId} was reported by the PBX`);
    this.name = 'UnknownCallError';
  }
}

/**
 * Calls from the PBX (webhook or AMI): a ringing call looks the caller up and pops up on the
 * operators' screens; a call hung up without an answer becomes a request by itself ("missed call");
 * an answered call becomes one when the operator who took it registers it. Either way the call id
 * is the intake message id, so one call is one message, however often its events arrive.
 */
@Injectable()
export class PhoneCalls {
  private readonly logger = new Logger('phone');

  constructor(
    @Inject(CALL_LOG) private readonly calls: CallLog,
    @Inject(ContactIntake) private readonly intake: ContactIntake,
    @Inject(ScreenPopHub) private readonly pops: ScreenPopHub,
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async handle(event: CallEvent): Promise<CallEventOutcome> {
    const phone = normalisePhone(event.from);
    const call = await this.calls.record(event, phone ?? event.from);
    switch (event.event) {
      case 'ringing':
        return { call, popped: await this.popUp(call, event) };
      case 'answered':
        return { call };
      case 'hangup': {
        if (call.answeredAt) return { call };
        const intake = await this.store(call, call.caller.startsWith('+') ? `Missed call from ${call.caller}` : 'Missed call from an unknown number');
        this.logger.log(`missed call ${call.callId} stored in request ${intake.requestId}${intake.duplicate ? ' (already stored)' : ''}`);
        return { call, intake };
      }
    }
  }

  /** The operator who took the call makes it a request (or a message of the caller's open request). */
  async register(callId: string, taker: CallTaker, note?: string): Promise<IntakeResult> {
    const call = await this.calls.find(callId);
    if (!call) throw new UnknownCallError(callId);
    const from = call.caller.startsWith('+') ? call.caller : 'an unknown number';
    const intake = await this.store(call, note ? `Call from ${from}: ${note}` : `Call from ${from}, taken by ${taker.username}`);
    if (intake.registered && taker.takesRequest) {
      await this.commands.execute(
        new ExecuteRequestCommand(
          intake.requestId,
          { type: 'AssignRequest', assigneeId: taker.userId, department: taker.department, by: taker.userId, now: new Date() },
          { commandId: `phone:assign:${callId}`, origin: 'system', correlationId: intake.requestId },
        ),
      );
    }
    return intake;
  }

  private async store(call: CallRecord, text: string): Promise<IntakeResult> {
    const phone = call.caller.startsWith('+') ? call.caller : undefined;
    // A number we cannot call back is its own contact: unrelated withheld numbers must not share a request.
    const contact: ChannelContact = { channel: 'phone', address: phone ?? `unknown:${call.callId}` };
    const intake = await this.intake.receive({
      channel: 'phone',
      messageId: call.callId,
      contact,
      text,
      receivedAt: call.ringingAt ?? call.answeredAt ?? call.endedAt ?? new Date(),
      client: phone ? { phone } : undefined,
    });
    if (call.requestId !== intake.requestId) await this.calls.setRequest(call.callId, intake.requestId);
    return intake;
  }

  private async popUp(call: CallRecord, event: CallEvent): Promise<number> {
    const client = call.caller.startsWith('+')
      ? await this.customers.findClientByPhone(call.caller).catch((error: unknown) => {
          this.logger.warn(`caller of call ${call.callId} not looked up: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        })
      : undefined;
    const pop: ScreenPop = {
      callId: call.callId,
      from: call.caller,
      to: event.to,
      ...(event.agent ? { agent: event.agent } : {}),
      at: event.at.toISOString(),
      ...(client
        ? { client: { id: client.id, name: [client.lastName, client.firstName, client.middleName].filter(Boolean).join(' '), phone: client.phone, ...(client.organisation ? { organisation: client.organisation } : {}) } }
        : {}),
    };
    return this.pops.publish(pop);
  }
}
