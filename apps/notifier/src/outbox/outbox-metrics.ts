import { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from '@switchboard/platform';
import type { Channel } from '@switchboard/service-desk/domain';
import type { OutboxObserver } from './outbox-relay';

/** `switchboard_outbox_depth{outbox="replies"}` (pending deliveries) and sends by channel and outcome. */
export class OutboxMetrics implements OutboxObserver {
  private readonly sends: Counter<'channel' | 'outcome'>;

  constructor(metrics: MetricsRegistry, depth: () => Promise<number>) {
    new Gauge({
      name: 'switchboard_outbox_depth',
      help: 'Replies and notifications waiting to be sent (including those waiting for a retry).',
      labelNames: ['outbox'],
      registers: [metrics.registry],
      async collect() {
        // A scrape while the database is away keeps the last value rather than failing /metrics.
        const pending = await depth().catch(() => undefined);
        if (pending !== undefined) this.set({ outbox: 'replies' }, pending);
      },
    });
    this.sends = new Counter({
      name: 'switchboard_outbox_sends_total',
      help: 'Outbound send attempts by channel and outcome (sent, retried, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    });
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
}
