import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid, EventSourcedRepository, StreamNotFoundError } from '@switchboard/eventstore';
import type { CommandEnvelope, CommandResult, EventStore } from '@switchboard/eventstore';
import { communicationDecider, communicationStreamId, dispatchVerdict, heldByRateLimit, messageOn } from '@switchboard/communications/domain';
import type {
  Communication,
  CommunicationChannel,
  CommunicationCommand,
  CommunicationEvent,
  CommunicationMessage,
  CommunicationOrigin,
  CommunicationState,
  DispatchVerdict,
} from '@switchboard/communications/domain';
import { CHANNEL_SENDERS, PermanentSendError } from './ports/channel-sender.port';
import type { ChannelSender } from './ports/channel-sender.port';
import { DISPATCH_CONTEXT_SOURCE } from './ports/dispatch-context.port';
import type { DispatchContextSource } from './ports/dispatch-context.port';
import { RATE_LIMIT_LEDGER } from './ports/rate-limit-ledger.port';
import type { RateLimitLedger } from './ports/rate-limit-ledger.port';
import { COMMUNICATIONS_EVENT_STORE } from './communications.tokens';

export interface CommunicationRequest {
  readonly department: string;
  readonly clientId: string;
  readonly communicationType: string;
  readonly message: CommunicationMessage;
  readonly origin?: CommunicationOrigin;
  readonly channel?: CommunicationChannel;
  /** With `channel`: the address on it, instead of the client's. */
  readonly address?: string;
  /** Later than now: booked for then [Бронирование]. */
  readonly sendAt?: Date;
  readonly by: string;
}

export interface CommunicationHistoryEntry {
  readonly type: CommunicationEvent['type'];
  readonly revision: number;
  readonly by: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

export class CommunicationNotFoundError extends Error {
  constructor(readonly communicationId: string) {
    super(`No communication ${communicationId}.`);
    this.name = 'CommunicationNotFoundError';
  }
}

const DISPATCHER = 'system:dispatcher';

/**
 * The one sending point [Коммуникация]: every message to a client is requested here, judged by the
 * policies when the dispatcher gets to it, handed to its channel's sender, and its receipts
 * recorded. The backbone drives the steps from the events (requested → dispatch, dispatched →
 * deliver, booked → a timer that dispatches again); each step is idempotent.
 */
@Injectable()
export class Communications {
  private readonly repository: EventSourcedRepository<CommunicationCommand, CommunicationEvent, CommunicationState>;

  constructor(
    @Inject(COMMUNICATIONS_EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_CONTEXT_SOURCE) private readonly contexts: DispatchContextSource,
    @Inject(RATE_LIMIT_LEDGER) private readonly rateLimits: RateLimitLedger,
    @Inject(CHANNEL_SENDERS) private readonly senders: readonly ChannelSender[],
  ) {
    this.repository = new EventSourcedRepository(store, communicationDecider);
  }

  /** Send now, or book for `sendAt`. The id derives from the command id: a resubmission finds the same communication. */
  async request(request: CommunicationRequest, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult & { communicationId: string }> {
    const communicationId = deterministicUuid(`communication:${envelope.commandId}`);
    const result = await this.repository.handle(
      communicationStreamId(communicationId),
      { type: 'RequestCommunication', communicationId, ...request, now },
      { ...envelope, expectedRevision: undefined },
    );
    return { ...result, communicationId };
  }

  cancel(communicationId: string, by: string, envelope: CommandEnvelope, reason?: string, now = new Date()): Promise<CommandResult> {
    return this.onExisting(communicationId, { type: 'CancelCommunication', by, now, ...(reason ? { reason } : {}) }, envelope);
  }

  async find(communicationId: string): Promise<Communication | undefined> {
    const loaded = await this.repository.load(communicationStreamId(communicationId));
    return loaded.state.exists ? loaded.state : undefined;
  }

  /** Its events, oldest first (the card's history); empty when there is no such communication. */
  async history(communicationId: string): Promise<CommunicationHistoryEntry[]> {
    const entries: CommunicationHistoryEntry[] = [];
    try {
      for await (const e of this.store.readStream(communicationStreamId(communicationId))) {
        const { communicationId: _, by, at, ...data } = e.data as { communicationId: string; by: string; at: string } & Record<string, unknown>;
        entries.push({ type: e.type as CommunicationEvent['type'], revision: Number(e.revision), by, at, data });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return entries;
  }

  /**
   * The dispatcher's step: judge the policies now and record the verdict. Nothing to do (not found,
   * already past dispatch, booked for later) answers undefined. Rate limits are reserved last, once
   * every other policy let it through, so a communication that waits for another reason holds no slot.
   */
  async dispatch(communicationId: string, now = new Date()): Promise<DispatchVerdict | undefined> {
    const streamId = communicationStreamId(communicationId);
    const loaded = await this.repository.load(streamId);
    const communication = loaded.state;
    if (!communication.exists) return undefined;
    const due =
      communication.status === 'NOT_SENT' ||
      (communication.status === 'BOOKED' && (!communication.bookedUntil || Date.parse(communication.bookedUntil) <= now.getTime()));
    if (!due) return undefined;
    const context = await this.contexts.contextFor(communication, now);
    let verdict = dispatchVerdict(communication.communicationType, { ...context, rateLimits: [], sent: [] });
    if (verdict.kind === 'dispatch') {
      const hold = await this.rateLimits.reserve({
        department: communication.department,
        clientId: communication.clientId,
        communicationId,
        communicationType: communication.communicationType,
        rules: context.rateLimits,
        now,
      });
      if (hold) verdict = heldByRateLimit(hold);
    }
    // One verdict per revision: a dispatcher that runs twice on the same state writes it once.
    await this.repository.handle(
      streamId,
      { type: 'DispatchCommunication', verdict, by: DISPATCHER, now },
      { commandId: `dispatch:${communicationId}:${loaded.revision}`, origin: 'system' },
      loaded,
    );
    return verdict;
  }

  /**
   * The sender's step: hand a dispatched communication to its channel and record it sent. A
   * permanent refusal records the failure; any other error is thrown for the backbone to retry.
   */
  async deliver(communicationId: string, now = new Date()): Promise<void> {
    const streamId = communicationStreamId(communicationId);
    const loaded = await this.repository.load(streamId);
    const communication = loaded.state;
    if (!communication.exists || communication.status !== 'DISPATCHED' || !communication.channel || !communication.address) return;
    const envelope = { commandId: `deliver:${communicationId}`, origin: 'system' as const };
    const sender = this.senders.find((s) => s.channel === communication.channel);
    if (!sender) {
      await this.repository.handle(
        streamId,
        { type: 'RecordDeliveryOutcome', outcome: 'failed', reason: `no sender for the ${communication.channel} channel`, by: DISPATCHER, now },
        envelope,
        loaded,
      );
      return;
    }
    try {
      const variant = messageOn(communication.message, communication.channel);
      const sent = await sender.send({
        communicationId,
        channel: communication.channel,
        address: communication.address,
        message: { ...communication.message, text: variant.text },
        ...(variant.buttons && variant.buttons.length > 0 ? { buttons: variant.buttons } : {}),
        ...(communication.marketing ? { marketing: true } : {}),
        ...(communication.message.template ? { language: communication.message.template.language } : {}),
      });
      await this.repository.handle(
        streamId,
        { type: 'RecordCommunicationSent', ...(sent.providerMessageId ? { providerMessageId: sent.providerMessageId } : {}), by: DISPATCHER, now },
        envelope,
        loaded,
      );
    } catch (error) {
      if (!(error instanceof PermanentSendError)) throw error;
      await this.repository.handle(streamId, { type: 'RecordDeliveryOutcome', outcome: 'failed', reason: error.reason, by: DISPATCHER, now }, envelope, loaded);
    }
  }

  /** A delivery receipt from the channel (SMPP deliver_sm, an email bounce, a push service's answer). */
  recordOutcome(
    communicationId: string,
    outcome: 'delivered' | 'failed',
    receiptId: string,
    reason?: string,
    providerMessageId?: string,
    now = new Date(),
  ): Promise<CommandResult> {
    return this.onExisting(
      communicationId,
      {
        type: 'RecordDeliveryOutcome',
        outcome,
        by: 'system:receipts',
        now,
        ...(reason ? { reason } : {}),
        ...(providerMessageId ? { providerMessageId } : {}),
      },
      { commandId: `receipt:${communicationId}:${receiptId}`, origin: 'system' },
    );
  }

  private async onExisting(communicationId: string, command: CommunicationCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    const streamId = communicationStreamId(communicationId);
    const loaded = await this.repository.load(streamId, envelope.commandId);
    if (!loaded.state.exists) throw new CommunicationNotFoundError(communicationId);
    return this.repository.handle(streamId, command, envelope, loaded);
  }
}
