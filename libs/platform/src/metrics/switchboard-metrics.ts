import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { MetricsRegistry } from './metrics.registry';

/*
 * Every label below takes its values from a fixed list, so the number of series is known in
 * advance: never an entity id, user id or phone number. A value outside its list is recorded as
 * `other` rather than growing the set.
 */
export const metricChannels = ['telegram', 'sms', 'esb', 'phone', 'email', 'operator', 'portal'] as const;
export type MetricChannel = (typeof metricChannels)[number];

/** What became of an inbound contact once the gateway had it. */
export const contactOutcomes = ['registered', 'appended', 'duplicate', 'rejected', 'dead-lettered', 'failed'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

/** What became of a command: events appended, nothing to do, refused by the rules, lost a race, broke. */
export const commandOutcomes = ['accepted', 'unchanged', 'rejected', 'conflict', 'failed'] as const;
export type CommandOutcome = (typeof commandOutcomes)[number];

export const appendOutcomes = ['ok', 'conflict', 'failed'] as const;
export type AppendOutcome = (typeof appendOutcomes)[number];

/** Channels whose connection the gateway holds open: AMQP to the ESB, SMPP to the SMSC, the CTI link. */
export const connectedChannels = ['esb', 'sms', 'phone'] as const;

/** Dead-letter reasons per channel, each series present at 0 from the start so `increase()` sees the first one. */
export const deadLetterReasons: Readonly<Record<string, readonly string[]>> = {
  esb: ['invalid-payload', 'unknown-sender', 'processing-failed'],
  sms: ['invalid-payload', 'unknown-sender', 'processing-failed'],
  telegram: ['invalid-payload', 'processing-failed'],
  phone: ['invalid-payload', 'processing-failed'],
};

const OTHER = 'other';

const bounded = (value: string, allowed: readonly string[]): string => (allowed.includes(value) ? value : OTHER);

const instances = new WeakMap<Registry, SwitchboardMetrics>();

/**
 * Switchboard's own metrics, defined once so every module of a process (gateway, projector,
 * command side) records into the same objects: get them with `SwitchboardMetrics.of(metrics)`.
 */
export class SwitchboardMetrics {
  readonly contactsReceived: Counter<'channel' | 'outcome'>;
  readonly commands: Counter<'command' | 'outcome'>;
  readonly eventStoreAppendSeconds: Histogram<'outcome'>;
  readonly processorLagEvents: Gauge<'processor'>;
  readonly processorLagSeconds: Gauge<'processor'>;
  readonly processorBatchSeconds: Histogram<'processor'>;
  readonly processorParkedEvents: Gauge<'processor'>;
  readonly processorActive: Gauge<'processor'>;
  readonly processorStopped: Gauge<'processor'>;
  readonly outboxDepth: Gauge<'outbox'>;
  readonly channelConnected: Gauge<'channel'>;
  readonly deadLettered: Counter<'channel' | 'reason'>;

  /** The one instance for this process's registry. */
  static of(metrics: MetricsRegistry | Registry): SwitchboardMetrics {
    const registry = 'registry' in metrics ? metrics.registry : metrics;
    let instance = instances.get(registry);
    if (!instance) {
      instance = new SwitchboardMetrics(registry);
      instances.set(registry, instance);
    }
    return instance;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    // A family some module registered on its own before (by the same name) is reused, not duplicated.
    const reuse = <T>(name: string, create: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? create();
    this.contactsReceived = reuse(
      'switchboard_contacts_received_total',
      () =>
        new Counter({
          name: 'switchboard_contacts_received_total',
          help: 'Inbound contacts (messages, calls) by channel and what became of them.',
          labelNames: ['channel', 'outcome'],
          registers,
        }),
    );
    this.commands = reuse(
      'switchboard_commands_total',
      () =>
        new Counter({
          name: 'switchboard_commands_total',
          help: 'Service-desk commands by command type and outcome.',
          labelNames: ['command', 'outcome'],
          registers,
        }),
    );
    this.eventStoreAppendSeconds = reuse(
      'switchboard_eventstore_append_seconds',
      () =>
        new Histogram({
          name: 'switchboard_eventstore_append_seconds',
          help: 'Latency of appends to the event store, by outcome.',
          labelNames: ['outcome'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers,
        }),
    );
    // Processors (event-following jobs: projections, process managers, outbox, publisher), labelled by
    // name only. Lag and parked counts come from the instance running the processor; standbys report none.
    this.processorLagEvents = reuse(
      'switchboard_processor_lag_events',
      () =>
        new Gauge({
          name: 'switchboard_processor_lag_events',
          help: 'Events in the event store a processor has not processed yet (counted up to 100,000).',
          labelNames: ['processor'],
          registers,
        }),
    );
    this.processorLagSeconds = reuse(
      'switchboard_processor_lag_seconds',
      () =>
        new Gauge({
          name: 'switchboard_processor_lag_seconds',
          help: 'Age of the oldest event a processor has not processed yet; 0 when caught up.',
          labelNames: ['processor'],
          registers,
        }),
    );
    this.processorBatchSeconds = reuse(
      'switchboard_processor_batch_seconds',
      () =>
        new Histogram({
          name: 'switchboard_processor_batch_seconds',
          help: 'Time to process and checkpoint one batch of events, by processor.',
          labelNames: ['processor'],
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    );
    this.processorParkedEvents = reuse(
      'switchboard_processor_parked_events',
      () =>
        new Gauge({
          name: 'switchboard_processor_parked_events',
          help: 'Events a processor parked that are not retried or skipped yet.',
          labelNames: ['processor'],
          registers,
        }),
    );
    this.processorActive = reuse(
      'switchboard_processor_active',
      () =>
        new Gauge({
          name: 'switchboard_processor_active',
          help: '1 while this process runs the processor (running, retrying or starting), 0 while it stands by or stopped it.',
          labelNames: ['processor'],
          registers,
        }),
    );
    this.processorStopped = reuse(
      'switchboard_processor_stopped',
      () =>
        new Gauge({
          name: 'switchboard_processor_stopped',
          help: '1 when this process stopped the processor for good (it will not run here again), else 0.',
          labelNames: ['processor'],
          registers,
        }),
    );
    this.outboxDepth = reuse(
      'switchboard_outbox_depth',
      () =>
        new Gauge({
          name: 'switchboard_outbox_depth',
          help: 'Messages waiting in an outbox to be sent.',
          labelNames: ['outbox'],
          registers,
        }),
    );
    this.channelConnected = reuse(
      'switchboard_channel_connected',
      () =>
        new Gauge({
          name: 'switchboard_channel_connected',
          help: '1 while the connection of a channel (AMQP, SMPP bind, CTI link) is up, else 0.',
          labelNames: ['channel'],
          registers,
        }),
    );
    this.deadLettered = reuse(
      'switchboard_dead_lettered_total',
      () =>
        new Counter({
          name: 'switchboard_dead_lettered_total',
          help: 'Inbound messages set aside on a dead-letter queue, by channel and reason.',
          labelNames: ['channel', 'reason'],
          registers,
        }),
    );
    for (const [channel, reasons] of Object.entries(deadLetterReasons)) for (const reason of reasons) this.deadLettered.inc({ channel, reason }, 0);
  }

  contactReceived(channel: string, outcome: ContactOutcome): void {
    this.contactsReceived.inc({ channel: bounded(channel, metricChannels), outcome: bounded(outcome, contactOutcomes) });
  }

  /** `command` is a command type (`AssignRequest`), never anything carrying an id. */
  commandExecuted(command: string, outcome: CommandOutcome): void {
    this.commands.inc({ command: /^[A-Z][A-Za-z]{1,63}$/.test(command) ? command : OTHER, outcome: bounded(outcome, commandOutcomes) });
  }

  messageDeadLettered(channel: string, reason: string): void {
    const knownChannel = bounded(channel, Object.keys(deadLetterReasons));
    this.deadLettered.inc({ channel: knownChannel, reason: bounded(reason, deadLetterReasons[knownChannel] ?? []) });
  }

  channelState(channel: string, connected: boolean): void {
    this.channelConnected.set({ channel: bounded(channel, metricChannels) }, connected ? 1 : 0);
  }

  /** `undefined`: this process does not run it (a standby): its series are removed rather than left stale. */
  processorLag(processor: string, lag: { readonly events: number; readonly seconds: number } | undefined): void {
    if (!lag) {
      this.processorLagEvents.remove({ processor });
      this.processorLagSeconds.remove({ processor });
      return;
    }
    this.processorLagEvents.set({ processor }, lag.events);
    this.processorLagSeconds.set({ processor }, lag.seconds);
  }

  processorParked(processor: string, open: number | undefined): void {
    if (open === undefined) this.processorParkedEvents.remove({ processor });
    else this.processorParkedEvents.set({ processor }, open);
  }

  processorState(processor: string, state: 'standby' | 'starting' | 'running' | 'retrying' | 'stopped'): void {
    this.processorActive.set({ processor }, state === 'starting' || state === 'running' || state === 'retrying' ? 1 : 0);
    this.processorStopped.set({ processor }, state === 'stopped' ? 1 : 0);
  }

  outbox(outbox: string, depth: number): void {
    this.outboxDepth.set({ outbox }, depth);
  }
}
