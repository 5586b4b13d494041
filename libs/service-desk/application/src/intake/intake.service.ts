import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IllegalTransitionError } from '@switchboard/service-desk/domain';
import type { Attachment, Channel, ChannelContact } from '@switchboard/service-desk/domain';
import type { CommandResult } from '../commands/command-envelope';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ContactIntake } from './contact-intake';
import { deterministicUuid } from './deterministic-uuid';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS } from './intake.ports';
import type { ClientHint, ClientResolver, IntakeLedger, IntakeOptions } from './intake.ports';

export interface InboundContact {
  readonly channel: Channel;
  /** The channel message's own id: Telegram update_id, SMPP message id, AMQP message-id, call id. */
  readonly messageId: string;
  readonly contact: ChannelContact;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  readonly receivedAt: Date;
  readonly subject?: string;
  readonly client?: ClientHint;
}

export interface IntakeResult {
  readonly requestId: string;
  /** A new request was registered for this contact. */
  readonly registered: boolean;
  /** The channel had delivered this message before; nothing new was stored. */
  readonly duplicate: boolean;
  readonly position: string | null;
}

/**
 * The front door: stores one inbound contact exactly once, in the contact's open request or a new
 * one. Callers acknowledge to the sender only after this resolves (store-then-ack).
 *
 * Exactly once without a distributed transaction: the request id and the command ids derive from
 * the channel message id, so a redelivery after a crash at any step replays into the same stream
 * and the event store recognises the command; the ledger only makes the common redelivery cheap.
 */
@Injectable()
export class IntakeService implements ContactIntake {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(INTAKE_LEDGER) private readonly ledger: IntakeLedger,
    @Inject(CLIENT_RESOLVER) private readonly clients: ClientResolver,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  private clock(): Date {
    return new Date();
  }

  async receive(inbound: InboundContact): Promise<IntakeResult> {
    return this.ledger.withContact(inbound.channel, inbound.contact.address, inbound.messageId, async (entry) => {
      if (entry.storedIn) return { result: { requestId: entry.storedIn, registered: false, duplicate: true, position: null }, update: {} };
      const joined = entry.openRequest ? await this.appendToOpenRequest(inbound, entry.openRequest) : undefined;
      if (joined) return { result: joined, update: { storedIn: joined.requestId } };
      const registered = await this.registerRequest(inbound);
      return { result: registered, update: { storedIn: registered.requestId, openRequest: registered.requestId } };
    });
  }

  private async appendToOpenRequest(inbound: InboundContact, requestId: string): Promise<IntakeResult | undefined> {
    try {
      const result = await this.execute(requestId, inbound, {
        type: 'ReceiveMessage',
        message: { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt },
        by: `channel:${inbound.channel}`,
        now: this.clock(),
      });
      return { requestId, registered: false, duplicate: !result.appended, position: result.position };
    } catch (error) {
      // The open request was closed meanwhile: this contact starts a new one.
      if (error instanceof IllegalTransitionError) return undefined;
      throw error;
    }
  }

  private async registerRequest(inbound: InboundContact): Promise<IntakeResult> {
    const requestId = deterministicUuid(`request:${inbound.channel}:${inbound.messageId}`);
    const resolved = inbound.client ? await this.clients.resolve(inbound.client) : {};
    const registered = await this.execute(requestId, inbound, {
      type: 'RegisterRequest',
      requestId,
      contact: inbound.contact,
      subject: inbound.subject,
      department: this.options.department,
      clientId: resolved.clientId,
      message: { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt },
      by: `channel:${inbound.channel}`,
      now: this.clock(),
    });
    let position = registered.position;
    if (resolved.clientId && resolved.order) {
      const linked = await this.execute(requestId, inbound, { type: 'LinkOrder', orderId: resolved.order.orderId, orderCode: resolved.order.orderCode, by: `channel:${inbound.channel}`, now: this.clock() }, 'link-order');
      position = linked.position ?? position;
    }
    return { requestId, registered: registered.appended, duplicate: !registered.appended, position };
  }

  private execute(requestId: string, inbound: InboundContact, command: ExecuteRequestCommand['command'], step = 'store'): Promise<CommandResult> {
    return this.commands.execute(
      new ExecuteRequestCommand(requestId, command, { commandId: `intake:${step}:${inbound.channel}:${inbound.messageId}`, origin: 'system', correlationId: requestId }),
    );
  }
}
