import { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from '@switchboard/platform';
import type { Channel } from '@switchboard/service-desk/domain';
import type { OutboxObserver } from './outbox-relay';

const DEPTH = 'switchboard_outbox_depth';

/** `switchboard_outbox_depth{outbox="replies"}` (pending deliveries) and sends by channel and outcome. */
export class OutboxMetrics implements OutboxObserver {
  private readonly sends: Counter<'channel' | 'outcome'>;

  constructor(private readonly metrics: MetricsRegistry) {
    this.sends = new Counter({
      name: 'switchboard_outbox_sends_total',
      help: 'Outbound send attempts by channel and outcome (sent, retried, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    });
  }

  depth(pending: number): void {
    this.depthGauge().set({ outbox: 'replies' }, pending);
  }

  sent(channel: Channel): void {
    this.sends.inc({ channel, outcome: 'sent' });
  }

  retried(channel: Channel): void {
    this.sends.inc({ channel, outcome: 'retried' });
  }

  failed(channel: Channel): void {
    this.sends.inc({ channel, outcome: 'failed' });
  }

  // The process's shared metrics may define the outbox gauge already (one name, one metric).
  private depthGauge(): Gauge<'outbox'> {
    const existing = this.metrics.registry.getSingleMetric(DEPTH);
    if (existing) return existing as Gauge<'outbox'>;
    return new Gauge({ name: DEPTH, help: 'Messages waiting in an outbox to be sent.', labelNames: ['outbox'], registers: [this.metrics.registry] });
  }
}
