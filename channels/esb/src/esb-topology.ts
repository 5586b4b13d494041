import type { Channel } from 'amqplib';

/** Names and limits of the intake side of the ESB; configurable so each environment (and test run) has its own. */
export interface EsbTopology {
  readonly intakeQueue: string;
  readonly deadLetterExchange: string;
  /** Deliveries of one message before the broker dead-letters it (a consumer that keeps crashing on it). */
  readonly deliveryLimit: number;
}

/** Dead letters need a queue of their own or the exchange would drop them: nothing is lost silently. */
export const deadLetterQueueOf = (topology: EsbTopology): string => `${topology.intakeQueue}.dead`;

export const ESB_ERROR_HEADER = 'x-switchboard-error';

/**
 * Declares the intake queue (quorum: replicated, counts deliveries), its dead-letter exchange and
 * the queue that keeps the dead letters. Idempotent; a queue declared earlier with other arguments
 * makes RabbitMQ refuse (PRECONDITION_FAILED) rather than silently keep the old ones.
 */
export async function assertIntakeTopology(channel: Channel, topology: EsbTopology): Promise<void> {
  await channel.assertExchange(topology.deadLetterExchange, 'fanout', { durable: true });
  const deadLetters = deadLetterQueueOf(topology);
  await channel.assertQueue(deadLetters, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(deadLetters, topology.deadLetterExchange, '');
  await channel.assertQueue(topology.intakeQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': topology.deliveryLimit, 'x-dead-letter-exchange': topology.deadLetterExchange },
  });
}
