import { spawnSync } from 'node:child_process';
import { Gauge } from 'prom-client';
import { recordSkip } from '../testing/skip';
import { MetricsRegistry } from './metrics.registry';
import { SwitchboardMetrics, deadLetterReasons } from './switchboard-metrics';

const promtoolAvailable = spawnSync('promtool', ['--version']).status === 0;
if (!promtoolAvailable) recordSkip('SwitchboardMetrics through promtool', 'promtool not installed (apt-get install prometheus)');
const itWithPromtool = promtoolAvailable ? it : it.skip;

function sample(): MetricsRegistry {
  const metrics = new MetricsRegistry('test');
  const s = SwitchboardMetrics.of(metrics);
  s.contactReceived('telegram', 'registered');
  s.commandExecuted('AssignRequest', 'accepted');
  s.eventStoreAppendSeconds.observe({ outcome: 'ok' }, 0.003);
  s.processorLag('analytics', { events: 3, seconds: 1.5 });
  s.processorBatchSeconds.observe({ processor: 'analytics' }, 0.2);
  s.processorParked('escalation', 1);
  s.processorState('request-list', 'running');
  s.channelState('sms', true);
  s.outbox('notifications', 2);
  return metrics;
}

describe('SwitchboardMetrics', () => {
  it('is one set of metrics per registry, so modules of one process share them', () => {
    const metrics = new MetricsRegistry('test');
    expect(SwitchboardMetrics.of(metrics)).toBe(SwitchboardMetrics.of(metrics.registry));
    expect(SwitchboardMetrics.of(new MetricsRegistry('other'))).not.toBe(SwitchboardMetrics.of(metrics));
  });

  it('reuses a family another module registered under the same name instead of failing', () => {
    const metrics = new MetricsRegistry('test');
    const earlier = new Gauge({
      name: 'switchboard_processor_lag_seconds',
      help: 'registered first elsewhere',
      labelNames: ['processor'],
      registers: [metrics.registry],
    });
    expect(SwitchboardMetrics.of(metrics).processorLagSeconds).toBe(earlier);
  });

  it('exposes every documented family', async () => {
    const text = await sample().registry.metrics();
    for (const family of [
      'switchboard_contacts_received_total',
      'switchboard_commands_total',
      'switchboard_eventstore_append_seconds',
      'switchboard_processor_lag_events',
      'switchboard_processor_lag_seconds',
      'switchboard_processor_batch_seconds',
      'switchboard_processor_parked_events',
      'switchboard_processor_active',
      'switchboard_processor_stopped',
      'switchboard_outbox_depth',
      'switchboard_channel_connected',
      'switchboard_dead_lettered_total',
    ]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  });

  it('shows a processor as active where it runs, stopped where it was stopped, and no lag where it stands by', async () => {
    const metrics = new MetricsRegistry('test');
    const s = SwitchboardMetrics.of(metrics);
    s.processorState('request-list', 'running');
    s.processorState('escalation', 'stopped');
    s.processorLag('request-list', { events: 4, seconds: 2 });
    s.processorLag('request-list', undefined);
    const text = await metrics.registry.metrics();
    expect(text).toContain('switchboard_processor_active{processor="request-list",app="test"} 1');
    expect(text).toContain('switchboard_processor_stopped{processor="escalation",app="test"} 1');
    expect(text).toContain('switchboard_processor_active{processor="escalation",app="test"} 0');
    expect(text).not.toContain('switchboard_processor_lag_events{processor="request-list"');
  });

  it('starts every known dead-letter series at 0', async () => {
    const text = await sample().registry.metrics();
    for (const [channel, reasons] of Object.entries(deadLetterReasons)) {
      for (const reason of reasons) expect(text).toContain(`switchboard_dead_lettered_total{channel="${channel}",reason="${reason}",app="test"} 0`);
    }
  });

  it('records a value outside a label set as other, never as itself', async () => {
    const metrics = new MetricsRegistry('test');
    const s = SwitchboardMetrics.of(metrics);
    s.contactReceived('+79161234567', 'registered');
    s.commandExecuted('request-7c1e0000-0000-4000-8000-000000000001', 'accepted');
    s.messageDeadLettered('esb', 'chat 12345 blocked');
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/79161234567|7c1e0000|12345/);
    expect(text).toContain('switchboard_contacts_received_total{channel="other",outcome="registered",app="test"} 1');
    expect(text).toContain('switchboard_commands_total{command="other",outcome="accepted",app="test"} 1');
    expect(text).toContain('switchboard_dead_lettered_total{channel="esb",reason="other",app="test"} 1');
  });

  itWithPromtool("passes promtool check metrics, prom-client's default metrics included", async () => {
    const result = spawnSync('promtool', ['check', 'metrics'], { input: await sample().registry.metrics(), encoding: 'utf8' });
    const problems = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
    expect({ status: result.status, problems }).toEqual({ status: 0, problems: [] });
  });

  it('keeps no gauge named like a counter', () => {
    const misnamed = new MetricsRegistry('test').registry
      .getMetricsAsArray()
      .filter((m) => m.name.endsWith('_total') && (m as unknown as { type: string }).type !== 'counter');
    expect(misnamed.map((m) => m.name)).toEqual([]);
  });
});
