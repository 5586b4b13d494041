import type { NewEvent, StreamAppend } from '@switchboard/eventstore';
import { DomainRuleError, IllegalTransitionError, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { RequestCommand, RequestEvent, RequestState, RoutingRule } from '@switchboard/service-desk/domain';
import { toDomainEvent } from '../commands/event-sourced-repository';
import { newEventsFor } from '../commands/new-events';
import { deterministicUuid } from './deterministic-uuid';
import { registrationRoute } from './routing-of-contact';
import type { IntakeBatchTransaction, OpenRequestChange, StoredMessage } from './intake-batch.ports';
import type { ResolvedClient } from './intake.ports';
import type { InboundContact, IntakeResult } from './intake.service';

/**
 * A contact ready for the batch, with its client resolved beforehand, outside the transaction;
 * undefined when that was skipped because it had an open request then (so it should not need one).
 */
export interface BatchContact {
  readonly inbound: InboundContact;
  readonly client: ResolvedClient | undefined;
}

/**
 * Contacts of the batch must register a request after all (their open request was closed) and
 * carry a client hint nobody resolved: the batch is rolled back, their clients are looked up
 * outside the transaction, and the batch runs again.
 */
export class IntakeClientsNeededError extends Error {
  constructor(readonly contacts: readonly number[]) {
    super(`clients of ${contacts.length} contacts must be resolved before their requests are registered`);
    this.name = 'IntakeClientsNeededError';
  }
}

/** A stream the batch appends to was moved by another writer meanwhile: the batch is rolled back and retried contact by contact. */
export class IntakeBatchConflictError extends Error {
  constructor(readonly streamIds: readonly string[]) {
    super(`intake batch lost a race on ${streamIds.join(', ')}`);
    this.name = 'IntakeBatchConflictError';
  }
}

interface RequestInBatch {
  readonly streamId: string;
  state: RequestState;
  /** Revision when loaded; -1 for a request this batch registers. */
  readonly loadedRevision: bigint;
  readonly events: NewEvent[];
}

interface Placed {
  readonly requestId: string;
  readonly registered: boolean;
  /** Index of the contact's last event in its request's append; undefined when it appended nothing. */
  readonly lastEvent: number | undefined;
}

/**
 * Stores a batch of contacts inside one transaction, with the same decisions IntakeService makes
 * for one contact: a message joins its contact's open request, or registers a new one (the open
 * request was closed meanwhile, or there is none); a message the ledger or the request already
 * holds is a duplicate. Contacts are taken in order, so two messages of one contact in a batch
 * land in one request in arrival order. Events carry the same ids as the contact-by-contact path.
 * A stream that moved under the batch throws IntakeBatchConflictError.
 */
export async function storeIntakeBatch(
  tx: IntakeBatchTransaction,
  contacts: readonly BatchContact[],
  department: string | undefined,
  now: Date,
  reopenWindowMs = 0,
  routingRules: readonly RoutingRule[] = [],
): Promise<IntakeResult[]> {
  const openIds = [...new Set(tx.entries.filter((e) => !e.storedIn && e.openRequest).map((e) => e.openRequest as string))];
  const loaded = await tx.readStreams(openIds.map(requestStreamId));
  const requests = new Map<string, RequestInBatch>();
  for (const requestId of openIds) {
    const events = loaded.get(requestStreamId(requestId));
    if (!events) continue;
    const state = events.reduce((s, e) => requestDecider.evolve(s, toDomainEvent<RequestEvent>(e)), requestDecider.initialState);
    requests.set(requestId, { streamId: requestStreamId(requestId), state, loadedRevision: events[events.length - 1].revision, events: [] });
  }

  const openByContact = new Map<string, string | null>();
  const storedHere = new Map<string, string>();
  const placed: (Placed | { duplicateOf: string })[] = [];
  const clientsNeeded: number[] = [];

  contacts.forEach(({ inbound, client }, i) => {
    const entry = tx.entries[i];
    const messageKey = `${inbound.channel}\u0000${inbound.messageId}`;
    const before = entry.storedIn ?? storedHere.get(messageKey);
    if (before) {
      placed.push({ duplicateOf: before });
      return;
    }
    const contactKey = `${inbound.channel}\u0000${inbound.contact.address}`;
    const open = openByContact.has(contactKey) ? openByContact.get(contactKey) : entry.openRequest;
    const joined = open ? join(requests.get(open), inbound, now, reopenWindowMs) : undefined;
    if (joined === 'duplicate') {
      placed.push({ duplicateOf: open as string });
      return;
    }
    const into = joined && 'requestId' in joined ? joined : undefined;
    if (!into && client === undefined && inbound.client) clientsNeeded.push(i);
    const result =
      into ??
      register(
        requests,
        inbound,
        client ?? {},
        registrationRoute(routingRules, inbound, client ?? {}, department),
        now,
        joined && 'follows' in joined ? joined.follows : undefined,
      );
    if (result.registered) openByContact.set(contactKey, result.requestId);
    storedHere.set(messageKey, result.requestId);
    placed.push(result);
  });

  if (clientsNeeded.length > 0) throw new IntakeClientsNeededError(clientsNeeded);

  const appending = [...requests.values()].filter((r) => r.events.length > 0);
  const appends: StreamAppend[] = appending.map((r) => ({
    streamId: r.streamId,
    events: r.events,
    expectedRevision: r.loadedRevision < 0n ? 'no_stream' : r.loadedRevision,
  }));
  const outcomes = await tx.append(appends);
  const refused = appending.filter((_, i) => !outcomes[i].appended).map((r) => r.streamId);
  if (refused.length > 0) throw new IntakeBatchConflictError(refused);
  const positions = new Map<string, readonly string[]>();
  appending.forEach((r, i) => {
    const outcome = outcomes[i];
    if (outcome.appended) positions.set(r.streamId, outcome.positions);
  });

  const stored: StoredMessage[] = [];
  contacts.forEach(({ inbound }, i) => {
    const p = placed[i];
    if ('requestId' in p)
      stored.push({ message: { channel: inbound.channel, address: inbound.contact.address, messageId: inbound.messageId }, requestId: p.requestId });
  });
  const changes: OpenRequestChange[] = [...openByContact.entries()].map(([key, requestId]) => {
    const [channel, address] = key.split('\u0000');
    return { channel: channel as OpenRequestChange['channel'], address, requestId };
  });
  await tx.record(stored, changes);

  return placed.map((p): IntakeResult => {
    if ('duplicateOf' in p) return { requestId: p.duplicateOf, registered: false, duplicate: true, position: null };
    const position = p.lastEvent === undefined ? null : (positions.get(requestStreamId(p.requestId))?.[p.lastEvent] ?? null);
    return { requestId: p.requestId, registered: p.registered, duplicate: false, position };
  });
}

/**
 * The message joins the open request (`duplicate` when the request holds it), or reopens it when it
 * closed within the reopen window; a request closed longer ago is the one a new request `follows`.
 */
function join(
  request: RequestInBatch | undefined,
  inbound: InboundContact,
  now: Date,
  reopenWindowMs: number,
): Placed | 'duplicate' | { follows: string } | undefined {
  if (!request || !request.state.exists) return undefined;
  const requestId = request.state.id;
  const by = `channel:${inbound.channel}`;
  try {
    const appended = decideInto(request, inbound, { type: 'ReceiveMessage', message: messageOf(inbound), by, now }, 'store');
    return appended ? { requestId, registered: false, lastEvent: request.events.length - 1 } : 'duplicate';
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    if (request.state.status !== 'CLOSED') return undefined;
  }
  if (reopenWindowMs <= 0 || inbound.reopens === false) return { follows: requestId };
  try {
    const appended = decideInto(request, inbound, { type: 'ReopenRequest', message: messageOf(inbound), windowMs: reopenWindowMs, by, now }, 'store');
    return appended ? { requestId, registered: false, lastEvent: request.events.length - 1 } : 'duplicate';
  } catch (error) {
    if (error instanceof DomainRuleError && error.rule === 'reopen-window-passed') return { follows: requestId };
    throw error;
  }
}

function register(
  requests: Map<string, RequestInBatch>,
  inbound: InboundContact,
  client: ResolvedClient,
  route: ReturnType<typeof registrationRoute>,
  now: Date,
  previousRequestId?: string,
): Placed {
  const requestId = deterministicUuid(`request:${inbound.channel}:${inbound.messageId}`);
  const request: RequestInBatch = { streamId: requestStreamId(requestId), state: requestDecider.initialState, loadedRevision: -1n, events: [] };
  requests.set(requestId, request);
  const by = `channel:${inbound.channel}`;
  decideInto(
    request,
    inbound,
    {
      type: 'RegisterRequest',
      requestId,
      contact: inbound.contact,
      subject: inbound.subject,
      ...route,
      clientId: client.clientId,
      ...(client.unit ? { unitId: client.unit.unitId, buildingId: client.unit.buildingId, siteSlug: client.unit.siteSlug } : {}),
      message: messageOf(inbound),
      previousRequestId,
      by,
      now,
    },
    'store',
  );
  if (client.clientId && client.order)
    decideInto(request, inbound, { type: 'LinkOrder', orderId: client.order.orderId, orderCode: client.order.orderCode, by, now }, 'link-order');
  return { requestId, registered: true, lastEvent: request.events.length - 1 };
}

/** Decides the command on the request as the batch has it so far and queues its events; false when it changed nothing. */
function decideInto(request: RequestInBatch, inbound: InboundContact, command: RequestCommand, step: string): boolean {
  const events = requestDecider.decide(command, request.state);
  if (events.length === 0) return false;
  const requestId = request.state.exists ? request.state.id : (command as Extract<RequestCommand, { type: 'RegisterRequest' }>).requestId;
  request.state = events.reduce(requestDecider.evolve, request.state);
  request.events.push(
    ...newEventsFor(request.streamId, events, { commandId: `intake:${step}:${inbound.channel}:${inbound.messageId}`, correlationId: requestId }, command.by),
  );
  return true;
}

function messageOf(inbound: InboundContact) {
  return { messageId: inbound.messageId, text: inbound.text, attachments: inbound.attachments, receivedAt: inbound.receivedAt };
}
