import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainRuleError, IllegalTransitionError, requestStreamId } from '@switchboard/service-desk/domain';
import type { Attachment, Channel, ChannelContact, RoutingRule } from '@switchboard/service-desk/domain';
import type { CommandResult } from '../commands/command-envelope';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ContactIntake } from './contact-intake';
import { deterministicUuid } from './deterministic-uuid';
import { GroupCommit } from './group-commit';
import { RecentlyOpenRequests } from './recently-open-requests';
import { IntakeClientsNeededError, storeIntakeBatch } from './intake-batch';
import type { BatchContact } from './intake-batch';
import { INTAKE_BATCH_LEDGER } from './intake-batch.ports';
import type { ContactMessage, IntakeBatchLedger } from './intake-batch.ports';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS } from './intake.ports';
import type { ClientHint, ClientResolver, IntakeLedger, IntakeOptions, ResolvedClient } from './intake.ports';
import { registrationRoute } from './routing-of-contact';
import { ROUTING_RULES } from '../routing/routing-rules.port';
import type { RoutingRuleSource } from '../routing/routing-rules.port';

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
  /** The number or bot the contact wrote to (an SMS short number, a Telegram bot), where the channel says: routing rules match on it. */
  readonly recipient?: string;
  /**
   * `false`: an operator registers this contact as a request of its own (a call registered by the
   * operator who took it) — a request of the contact that closed recently is followed, not reopened.
   */
  readonly reopens?: boolean;
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
  private readonly recentlyOpen = new RecentlyOpenRequests();

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(INTAKE_LEDGER) private readonly ledger: IntakeLedger,
    @Inject(CLIENT_RESOLVER) private readonly clients: ClientResolver,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
    @Optional() @Inject(INTAKE_BATCH_LEDGER) private readonly batchLedger?: IntakeBatchLedger,
    @Optional() @Inject(ROUTING_RULES) private readonly routingRules?: RoutingRuleSource,
  ) {
    if (batchLedger) {
      this.groupCommit = new GroupCommit({
        maxBatch: options.groupCommit?.maxBatch ?? 64,
        maxInFlight: options.groupCommit?.maxInFlight ?? 4,
        keyOf: contactKeyOf,
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
    // Once per contact: a burst from one new contact needs its client once.
    const lookups = new Map<string, Promise<ResolvedClient>>();
    const clientOf = (inbound: InboundContact): Promise<ResolvedClient> => {
      const key = contactKeyOf(inbound);
      let lookup = lookups.get(key);
      if (!lookup) lookups.set(key, (lookup = this.resolveClient(inbound)));
      return lookup;
    };
    try {
      // A contact not seen with an open request lately most likely registers one and needs its
      // client: looked up while the ledger is read, not after (a round trip less per batch).
      const likelyNew = batch.filter((inbound) => inbound.client && !this.recentlyOpen.has(contactKeyOf(inbound)));
      for (const inbound of likelyNew) clientOf(inbound).catch(() => undefined);
      if (likelyNew.length === 0) {
        // Nobody needs a client looked up outside the locks: no read ahead. The transaction's own
        // ledger read finds redeliveries, and a contact that must register after all and carries
        // a client hint sends the batch round once more with its client (IntakeClientsNeededError).
        const stored = await this.transactWithClients(
          ledger,
          batch.map((inbound) => ({ inbound, client: undefined })),
          clientOf,
        );
        return stored.map((result, i) => {
          if (!result.duplicate) this.recentlyOpen.remember(contactKeyOf(batch[i]), result.requestId);
          return { status: 'fulfilled', value: result };
        });
      }
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
        const contacts = await Promise.all(
          pending.map(async (i): Promise<BatchContact> => ({ inbound: batch[i], client: known[i].openRequest ? undefined : await clientOf(batch[i]) })),
        );
        const stored = await this.transactWithClients(ledger, contacts, clientOf);
        pending.forEach((index, j) => {
          results[index] = { status: 'fulfilled', value: stored[j] };
          if (!stored[j].duplicate) this.recentlyOpen.remember(contactKeyOf(batch[index]), stored[j].requestId);
        });
      }
      return results as PromiseSettledResult<IntakeResult>[];
    } catch {
      // A race with another writer, or one contact the database refuses: each contact alone.
      return Promise.allSettled(
        batch.map((inbound, i) => (results[i] ? Promise.resolve((results[i] as PromiseFulfilledResult<IntakeResult>).value) : this.receiveAlone(inbound))),
      );
    }
  }

  /** Runs the batch; when contacts turn out to need their clients after all, looks them up and runs it again. */
  private async transactWithClients(
    ledger: IntakeBatchLedger,
    contacts: BatchContact[],
    clientOf: (inbound: InboundContact) => Promise<ResolvedClient>,
  ): Promise<IntakeResult[]> {
    // Read before the transaction (usually from the cache): no contact's lock waits on them.
    const rules = await this.rules();
    // The requests these contacts were last seen in: read with the locks, in the same round trip.
    const readAhead = [...new Set(contacts.flatMap((c) => this.recentlyOpen.requestOf(contactKeyOf(c.inbound)) ?? []))].map(requestStreamId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await ledger.transact(
          contacts.map((c) => messageOf(c.inbound)),
          (tx) => storeIntakeBatch(tx, contacts, this.options.department, this.clock(), this.options.reopenWindowMs ?? 0, rules),
          { readAhead },
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
      if (joined && 'requestId' in joined) return { result: joined, update: { storedIn: joined.requestId } };
      const registered = await this.registerRequest(inbound, joined?.follows);
      return { result: registered, update: { storedIn: registered.requestId, openRequest: registered.requestId } };
    });
  }

  /**
   * The message joins the contact's request; a request closed meanwhile is reopened by it within
   * the reopen window, and otherwise is the one the new request `follows`.
   */
  private async appendToOpenRequest(inbound: InboundContact, requestId: string): Promise<IntakeResult | { follows: string } | undefined> {
    try {
      const result = await this.execute(requestId, inbound, {
        type: 'ReceiveMessage',
        message: { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt },
        by: `channel:${inbound.channel}`,
        now: this.clock(),
      });
      return { requestId, registered: false, duplicate: !result.appended, position: result.position };
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
      return error.state === 'CLOSED' ? this.reopen(inbound, requestId) : undefined;
    }
  }

  private async reopen(inbound: InboundContact, requestId: string): Promise<IntakeResult | { follows: string }> {
    const windowMs = inbound.reopens === false ? 0 : (this.options.reopenWindowMs ?? 0);
    if (windowMs <= 0) return { follows: requestId };
    try {
      const message = { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt };
      const result = await this.execute(requestId, inbound, { type: 'ReopenRequest', message, windowMs, by: `channel:${inbound.channel}`, now: this.clock() });
      return { requestId, registered: false, duplicate: !result.appended, position: result.position };
    } catch (error) {
      if (error instanceof DomainRuleError && error.rule === 'reopen-window-passed') return { follows: requestId };
      throw error;
    }
  }

  private async registerRequest(inbound: InboundContact, previousRequestId?: string): Promise<IntakeResult> {
    const requestId = deterministicUuid(`request:${inbound.channel}:${inbound.messageId}`);
    const resolved = await this.resolveClient(inbound);
    const route = registrationRoute(await this.rules(), inbound, resolved, this.options.department);
    const registered = await this.execute(requestId, inbound, {
      type: 'RegisterRequest',
      requestId,
      contact: inbound.contact,
      subject: inbound.subject,
      ...route,
      clientId: resolved.clientId,
      ...(resolved.unit ? { unitId: resolved.unit.unitId, buildingId: resolved.unit.buildingId, siteSlug: resolved.unit.siteSlug } : {}),
      message: { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt },
      previousRequestId,
      by: `channel:${inbound.channel}`,
      now: this.clock(),
    });
    let position = registered.position;
    if (resolved.clientId && resolved.order) {
      const linked = await this.execute(
        requestId,
        inbound,
        { type: 'LinkOrder', orderId: resolved.order.orderId, orderCode: resolved.order.orderCode, by: `channel:${inbound.channel}`, now: this.clock() },
        'link-order',
      );
      position = linked.position ?? position;
    }
    return { requestId, registered: registered.appended, duplicate: !registered.appended, position };
  }

  private rules(): Promise<readonly RoutingRule[]> {
    return this.routingRules ? this.routingRules.current() : Promise.resolve([]);
  }

  private resolveClient(inbound: InboundContact): Promise<ResolvedClient> {
    return inbound.client ? this.clients.resolve(inbound.client) : Promise.resolve({});
  }

  private execute(requestId: string, inbound: InboundContact, command: ExecuteRequestCommand['command'], step = 'store'): Promise<CommandResult> {
    return this.commands.execute(
      new ExecuteRequestCommand(requestId, command, {
        commandId: `intake:${step}:${inbound.channel}:${inbound.messageId}`,
        origin: 'system',
        correlationId: requestId,
      }),
    );
  }
}

const contactKeyOf = (inbound: InboundContact): string => `${inbound.channel}:${inbound.contact.address}`;

function messageOf(inbound: InboundContact): ContactMessage {
  return { channel: inbound.channel, address: inbound.contact.address, messageId: inbound.messageId };
}
