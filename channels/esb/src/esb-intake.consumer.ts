import { Logger } from '@nestjs/common';
import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { backoffDelayMs, errorMessage } from '@switchboard/kernel';
import type { InboundContact, IntakeResult } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';
import { parseEsbContact } from './esb-contact.message';
import { ESB_ERROR_HEADER, assertIntakeTopology } from './esb-topology';
import type { EsbTopology } from './esb-topology';
import { delay } from './reconnect-delay';

/** The front door the consumer stores through (IntakeService): resolves once the contact is durable. */
export interface EsbIntake {
  receive(contact: InboundContact): Promise<IntakeResult>;
}

export type EsbOutcome = 'stored' | 'duplicate' | 'dead-lettered' | 'requeued';

export interface EsbIntakeConsumerOptions {
  readonly url: string;
  readonly topology: EsbTopology;
  readonly prefetch: number;
  readonly signingSecret?: string;
  readonly intake: EsbIntake;
  /** Counts outcomes for metrics; called once per delivery. */
  readonly onOutcome?: (outcome: EsbOutcome) => void;
  /** Why a message went to the dead-letter exchange, as a bounded category for metrics. */
  readonly onDeadLettered?: (reason: 'invalid-payload' | 'processing-failed') => void;
  /** Storing is retried in place (the message stays unacknowledged) before it goes back to the queue. */
  readonly storeRetry?: { readonly attempts: number; readonly baseMs: number; readonly maxMs: number };
  readonly reconnect?: { readonly baseMs: number; readonly maxMs: number };
  /** How long stop() waits for messages being stored before it closes the connection. */
  readonly drainMs?: number;
}

interface Consuming {
  readonly connection: ChannelModel;
  readonly channel: ConfirmChannel;
  readonly consumerTag: string;
}

/**
 * Consumes contacts from the ESB intake queue: store, then ack. A message is acknowledged only
 * after IntakeService has stored it (a crash before that makes RabbitMQ redeliver it, and its
 * message-id makes the redelivery a no-op); an invalid one is republished to the dead-letter
 * exchange with the reason in `x-switchboard-error`, confirmed, and only then acknowledged.
 */
export class EsbIntakeConsumer {
  private readonly logger = new Logger('esb');
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private consuming: Consuming | undefined;
  private loop: Promise<void> | undefined;
  private consumingWaiters: (() => void)[] = [];

  constructor(private readonly options: EsbIntakeConsumerOptions) {}

  /** Starts consuming in the background; connection failures are retried with backoff, never fatal. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Resolves once the consumer is attached to the queue (for tests and readiness). */
  whenConsuming(): Promise<void> {
    if (this.consuming) return Promise.resolve();
    return new Promise((resolve) => this.consumingWaiters.push(resolve));
  }

  get isConsuming(): boolean {
    return this.consuming !== undefined;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const current = this.consuming;
    if (current) {
      await current.channel.cancel(current.consumerTag).catch(() => undefined);
      // Messages being stored finish and are acknowledged; what does not finish in time is redelivered.
      const drained = new AbortController();
      await Promise.race([Promise.allSettled([...this.inFlight]).then(() => drained.abort()), delay(this.options.drainMs ?? 10_000, drained.signal)]);
      // Channel first: RabbitMQ settles acks sent on a channel before its close-ok, but can drop
      // those still in flight when the whole connection closes (a quorum queue redelivers them).
      await current.channel.close().catch(() => undefined);
      await current.connection.close().catch(() => undefined);
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    const { baseMs, maxMs } = this.options.reconnect ?? { baseMs: 500, maxMs: 30_000 };
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.consumeUntilClosed(() => (attempt = 0));
      } catch (error) {
        this.logger.warn(`cannot consume ${this.options.topology.intakeQueue}: ${errorMessage(error)}`);
      }
      if (this.stopping.signal.aborted) break;
      attempt += 1;
      const wait = backoffDelayMs({ baseMs, maxMs }, attempt, Math.random());
      this.logger.warn(`reconnecting to RabbitMQ in ${wait} ms`);
      await delay(wait, this.stopping.signal);
    }
  }

  /** One connection's life: declare, consume, and return when the connection or channel closes. */
  private async consumeUntilClosed(onConsuming: () => void): Promise<void> {
    const connection = await connect(this.options.url);
    const closed = new Promise<void>((resolve) => connection.once('close', () => resolve()));
    connection.on('error', (error: unknown) => this.logger.warn(`RabbitMQ connection error: ${errorMessage(error)}`));
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: unknown) => this.logger.warn(`RabbitMQ channel error: ${errorMessage(error)}`));
      // A channel closed by the broker (an error) leaves the connection idle: reconnect from scratch.
      channel.once('close', () => void connection.close().catch(() => undefined));
      await assertIntakeTopology(channel, this.options.topology);
      await channel.prefetch(this.options.prefetch);
      const { consumerTag } = await channel.consume(this.options.topology.intakeQueue, (message) => this.onDelivery(channel, message), { noAck: false });
      if (this.stopping.signal.aborted) {
        await connection.close().catch(() => undefined);
        return;
      }
      this.consuming = { connection, channel, consumerTag };
      onConsuming();
      this.logger.log(`consuming ${this.options.topology.intakeQueue} (prefetch ${this.options.prefetch})`);
      for (const resolve of this.consumingWaiters.splice(0)) resolve();
      await closed;
    } finally {
      this.consuming = undefined;
      await connection.close().catch(() => undefined);
    }
  }

  private onDelivery(channel: ConfirmChannel, message: ConsumeMessage | null): void {
    if (!message) {
      // The broker cancelled the consumer (the queue was deleted): start over, which declares it again.
      this.logger.warn(`RabbitMQ cancelled the consumer of ${this.options.topology.intakeQueue}`);
      void channel.close().catch(() => undefined);
      return;
    }
    const work = this.handle(channel, message).catch((error: unknown) =>
      this.logger.error(`ESB delivery ${message.fields.deliveryTag} not settled: ${errorMessage(error)}`),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const parsed = parseEsbContact(
      { content: message.content, messageId: message.properties.messageId, headers: message.properties.headers },
      this.options.signingSecret,
    );
    if (!parsed.ok) {
      await this.deadLetter(channel, message, parsed.reason, 'invalid-payload');
      return;
    }
    let result: IntakeResult;
    try {
      result = await this.storeWithRetry(parsed.contact);
    } catch (error) {
      if (isRefusal(error)) {
        await this.deadLetter(channel, message, `refused by the service desk: ${errorMessage(error)}`, 'processing-failed');
        return;
      }
      const deliveries = deliveryCount(message) + 1;
      if (deliveries >= this.options.topology.deliveryLimit) {
        await this.deadLetter(channel, message, `not stored after ${deliveries} deliveries: ${errorMessage(error)}`, 'processing-failed');
        return;
      }
      if (this.stopping.signal.aborted) return; // left unacknowledged: redelivered after the connection closes
      this.logger.warn(`ESB message ${parsed.contact.messageId} not stored (delivery ${deliveries}), back to the queue: ${errorMessage(error)}`);
      if (settle(() => channel.nack(message, false, true))) this.options.onOutcome?.('requeued');
      return;
    }
    // On a channel that closed meanwhile the ack is lost; the redelivery finds the contact stored.
    if (settle(() => channel.ack(message))) this.options.onOutcome?.(result.duplicate ? 'duplicate' : 'stored');
  }

  private async storeWithRetry(contact: InboundContact): Promise<IntakeResult> {
    const { attempts, baseMs, maxMs } = this.options.storeRetry ?? { attempts: 6, baseMs: 200, maxMs: 5_000 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.intake.receive(contact);
      } catch (error) {
        if (isRefusal(error) || attempt >= attempts || this.stopping.signal.aborted) throw error;
        await delay(backoffDelayMs({ baseMs, maxMs }, attempt, Math.random()), this.stopping.signal);
      }
    }
  }

  /** nack cannot add headers, so the message is republished to the DLX with the reason, confirmed, then acknowledged. */
  private async deadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string, category: 'invalid-payload' | 'processing-failed'): Promise<void> {
    const { topology } = this.options;
    const id = typeof message.properties.messageId === 'string' ? message.properties.messageId : '(no message-id)';
    this.logger.warn(`ESB message ${id} rejected to ${topology.deadLetterExchange}: ${reason}`);
    const p = message.properties;
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        topology.deadLetterExchange,
        message.fields.routingKey,
        message.content,
        {
          persistent: true,
          contentType: p.contentType,
          contentEncoding: p.contentEncoding,
          correlationId: p.correlationId,
          messageId: p.messageId,
          timestamp: p.timestamp,
          type: p.type,
          appId: p.appId,
          headers: { ...(p.headers ?? {}), [ESB_ERROR_HEADER]: reason, 'x-switchboard-queue': topology.intakeQueue },
        },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
    if (settle(() => channel.ack(message))) {
      this.options.onOutcome?.('dead-lettered');
      this.options.onDeadLettered?.(category);
    }
  }
}

/** Acks and nacks on a closed channel throw; the broker redelivers those messages anyway. */
function settle(operation: () => void): boolean {
  try {
    operation();
    return true;
  } catch {
    return false;
  }
}

/** The service desk refused the contact itself: retrying cannot help. */
function isRefusal(error: unknown): boolean {
  return error instanceof DomainRuleError || error instanceof IllegalTransitionError;
}

/** Earlier failed deliveries of this message, as the quorum queue counts them. */
function deliveryCount(message: ConsumeMessage): number {
  const count = Number(message.properties.headers?.['x-delivery-count'] ?? 0);
  return Number.isFinite(count) ? count : 0;
}
