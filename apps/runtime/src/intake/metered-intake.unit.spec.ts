import { Registry } from 'prom-client';
import { SwitchboardMetrics } from '@switchboard/platform';
import type { ContactIntake, InboundContact } from '@switchboard/service-desk';
import { MeteredIntake } from './metered-intake';

const inbound = { channel: 'telegram', messageId: '1', contact: { channel: 'telegram', address: '1' }, text: 'x', receivedAt: new Date() } as InboundContact;

describe('metered intake', () => {
  it('counts contacts by channel and outcome, failures included', async () => {
    const registry = new Registry();
    const metrics = SwitchboardMetrics.of(registry);
    const outcomes = [
      { requestId: 'r', registered: true, duplicate: false, position: null },
      { requestId: 'r', registered: false, duplicate: false, position: null },
      { requestId: 'r', registered: false, duplicate: true, position: null },
    ];
    const fake: ContactIntake = {
      receive: async () => {
        const next = outcomes.shift();
        if (!next) throw new Error('database down');
        return next;
      },
    };
    const intake = new MeteredIntake(fake, metrics);
    for (let i = 0; i < 3; i++) await intake.receive(inbound);
    await expect(intake.receive(inbound)).rejects.toThrow('database down');
    const text = await registry.metrics();
    for (const outcome of ['registered', 'appended', 'duplicate', 'failed']) {
      expect(text).toContain(`switchboard_contacts_received_total{channel="telegram",outcome="${outcome}"} 1`);
    }
  });
});
