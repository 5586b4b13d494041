import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteRequestCommand, ContactIntake } from '@switchboard/service-desk';
import type { CommandResult, IntakeResult } from '@switchboard/service-desk';
import { callContact } from './call-contact';
import { CALL_LOG } from './call-log';
import type { CallLog, CallRecord } from './call-log';

/** The operator registering a call they took. */
export interface CallTaker {
  readonly userId: string;
  readonly username: string;
  /** The request is assigned to them (a HelpDeskUser takes what they register). */
  readonly takesRequest: boolean;
  readonly department?: string;
}

/** No such call, or not one this operator took: the same answer, so call ids leak nothing. */
export class UnknownCallError extends Error {
  constructor(readonly callId: string) {
    super(`no call ${callId} was taken by you`);
    this.name = 'UnknownCallError';
  }
}

/**
 * An answered call becomes a request when the operator who took it registers it (the call id keeps
 * it to one). Who took it is the PBX's `agent` of the answer, matched against the operator's
 * username or user id; an answer that names nobody leaves the call to any help-desk operator.
 */
@Injectable()
export class CallRegistration {
  constructor(
    @Inject(CALL_LOG) private readonly calls: CallLog,
    @Inject(ContactIntake) private readonly intake: ContactIntake,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async register(callId: string, taker: CallTaker, note?: string): Promise<IntakeResult> {
    const call = await this.calls.find(callId);
    if (!call || !tookCall(call, taker)) throw new UnknownCallError(callId);
    const text = note ? `Call from ${call.caller}: ${note}` : `Call from ${call.caller}, taken by ${taker.username}`;
    // A call declared missed before its answer arrived has its call id stored already (in the closed missed-call request).
    // The operator registers the call as a request of its own: it joins the caller's open request,
    // but never reopens a closed one (the missed-call request closed as answered, least of all).
    const intake = await this.intake.receive({ ...callContact(call, text, call.missedAt ? `${call.callId}:answered` : call.callId), reopens: false });
    if (call.requestId !== intake.requestId) await this.calls.setRequest(call.callId, intake.requestId);
    if (intake.registered && taker.takesRequest) {
      const assigned: CommandResult = await this.commands.execute(
        new ExecuteRequestCommand(
          intake.requestId,
          { type: 'AssignRequest', assigneeId: taker.userId, department: taker.department, by: taker.userId, now: new Date() },
          { commandId: `phone:assign:${callId}`, origin: 'system', correlationId: intake.requestId },
        ),
      );
      // The assignment's position: reading the request there shows it assigned.
      return { ...intake, position: assigned.position ?? intake.position };
    }
    return intake;
  }
}

function tookCall(call: CallRecord, taker: CallTaker): boolean {
  if (!call.answeredAt) return false;
  if (!call.answeredBy) return true;
  return call.answeredBy === taker.username || call.answeredBy === taker.userId;
}
