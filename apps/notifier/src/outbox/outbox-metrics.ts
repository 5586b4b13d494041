import { Counter } from 'prom-client';
import { SwitchboardMetrics } from '@switchboard/platform';
import type { MetricsRegistry } from '@switchboard/platform';
import type { OutboxObserver } from '@switchboard/service-desk';
import type { Channel } from '@switchboard/service-desk/domain';

/** `switchboard_outbox_depth{outbox="replies"}` (pending deliveries) and sends by channel and outcome. */
export class OutboxMetrics implements OutboxObserver {
  private readonly sends: Counter<'channel' | 'outcome'>;
  private readonly shared: SwitchboardMetrics;

  constructor(metrics: MetricsRegistry) {
    this.shared = SwitchboardMetrics.of(metrics);
    this.sends = new Counter({
      name: 'switchboard_outbox_sends_total',
      help: 'Outbound send attempts by channel and outcome (sent, retried, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    });
  }

  depth(pending: number): void {
    this.shared.outbox('replies', pending);
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
