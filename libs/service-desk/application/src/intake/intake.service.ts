import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IllegalTransitionError } from '@switchboard/service-desk/domain';
import type { Attachment, Channel, ChannelContact } from '@switchboard/service-desk/domain';
import type { CommandResult } from '../commands/command-envelope';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ContactIntake } from './contact-intake';
import { deterministicUuid } from './deterministic-uuid';
import { GroupCommit } from './group-commit';
import { IntakeClientsNeededError, storeIntakeBatch } from './intake-batch';
import type { BatchContact } from './intake-batch';
import { INTAKE_BATCH_LEDGER } from './intake-batch.ports';
import type { ContactMessage, IntakeBatchLedger } from './intake-batch.ports';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS } from './intake.ports';
import type { ClientHint, ClientResolver, IntakeLedger, IntakeOptions, ResolvedClient } from './intake.ports';

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
 * With a batch ledger (PostgreSQL), contacts arriving together are group-committed: one
 * transaction holds their contacts' locks, appends to every request they touch and records the
 * ledger rows, so exactly-once is one atomic commit (docs/adr: group commit for intake). A batch
 * that loses a race with another writer, or that the database refuses, is retried contact by
 * contact on the path below, so no contact fails for another's sake.
 *
 * Contact by contact (and on EventStoreDB), exactly once holds without a distributed transaction:
 * the request id and the command ids derive from the channel message id, so a redelivery after a
 * crash at any step replays into the same stream and the event store recognises the command; the
 * ledger only makes the common redelivery cheap.
 */
@Injectable()
export class IntakeService implements ContactIntake {
  private readonly groupCommit: GroupCommit<InboundContact, IntakeResult> | undefined;

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(INTAKE_LEDGER) private readonly ledger: IntakeLedger,
    @Inject(CLIENT_RESOLVER) private readonly clients: ClientResolver,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
    @Optional() @Inject(INTAKE_BATCH_LEDGER) private readonly batchLedger?: IntakeBatchLedger,
  ) {
    if (batchLedger) {
      this.groupCommit = new GroupCommit({
        maxBatch: options.groupCommit?.maxBatch ?? 64,
        maxInFlight: options.groupCommit?.maxInFlight ?? 2,
        keyOf: (inbound) => `${inbound.channel}:${inbound.contact.address}`,
        run: (batch) => this.storeGroup(batch),
      });
    }
  }

  private clock(): Date {
    return new Date();
  }

  receive(inbound: InboundContact): Promise<IntakeResult> {
    return this.groupCommit ? this.groupCommit.submit(inbound) : this.receiveAlone(inbound);
  }

  private async storeGroup(batch: readonly InboundContact[]): Promise<PromiseSettledResult<IntakeResult>[]> {
    const ledger = this.batchLedger as IntakeBatchLedger;
    const results: (PromiseSettledResult<IntakeResult> | undefined)[] = new Array(batch.length);
    try {
      // Outside the transaction: a redelivery the ledger already holds needs no lock, and client
      // lookups (the customers context, maybe the LegacyDB) must not hold contacts' locks.
      const known = await ledger.peek(batch.map(messageOf));
      const pending: number[] = [];
      batch.forEach((inbound, i) => {
        const storedIn = known[i].storedIn;
        if (storedIn) results[i] = { status: 'fulfilled', value: { requestId: storedIn, registered: false, duplicate: true, position: null } };
        else pending.push(i);
      });
      if (pending.length > 0) {
        // Once per contact: a burst from one new contact needs its client once.
        const lookups = new Map<string, Promise<ResolvedClient>>();
        const clientOf = (inbound: InboundContact): Promise<ResolvedClient> => {
          const key = `${inbound.channel}:${inbound.contact.address}`;
          let lookup = lookups.get(key);
          if (!lookup) lookups.set(key, (lookup = this.resolveClient(inbound)));
          return lookup;
        };
        const contacts = await Promise.all(pending.map(async (i): Promise<BatchContact> => ({ inbound: batch[i], client: known[i].openRequest ? undefined : await clientOf(batch[i]) })));
        const stored = await this.transactWithClients(ledger, contacts, clientOf);
        pending.forEach((index, j) => (results[index] = { status: 'fulfilled', value: stored[j] }));
      }
      return results as PromiseSettledResult<IntakeResult>[];
    } catch {
      // A race with another writer, or one contact the database refuses: each contact alone.
      return Promise.allSettled(batch.map((inbound, i) => (results[i] ? Promise.resolve((results[i] as PromiseFulfilledResult<IntakeResult>).value) : this.receiveAlone(inbound))));
    }
  }

  /** Runs the batch; when contacts turn out to need their clients after all, looks them up and runs it again. */
  private async transactWithClients(ledger: IntakeBatchLedger, contacts: BatchContact[], clientOf: (inbound: InboundContact) => Promise<ResolvedClient>): Promise<IntakeResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ledger.transact(
          contacts.map((c) => messageOf(c.inbound)),
          (tx) => storeIntakeBatch(tx, contacts, this.options.department, this.clock()),
        );
      } catch (error) {
        if (!(error instanceof IntakeClientsNeededError) || attempt >= 3) throw error;
        for (const i of error.contacts) contacts[i] = { inbound: contacts[i].inbound, client: await clientOf(contacts[i].inbound) };
      }
    }
  }

  private async receiveAlone(inbound: InboundContact): Promise<IntakeResult> {
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
    const resolved = await this.resolveClient(inbound);
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

  private resolveClient(inbound: InboundContact): Promise<ResolvedClient> {
    return inbound.client ? this.clients.resolve(inbound.client) : Promise.resolve({});
  }

  private execute(requestId: string, inbound: InboundContact, command: ExecuteRequestCommand['command'], step = 'store'): Promise<CommandResult> {
    return this.commands.execute(
      new ExecuteRequestCommand(requestId, command, { commandId: `intake:${step}:${inbound.channel}:${inbound.messageId}`, origin: 'system', correlationId: requestId }),
    );
  }
}

function messageOf(inbound: InboundContact): ContactMessage {
  return { channel: inbound.channel, address: inbound.contact.address, messageId: inbound.messageId };
}
