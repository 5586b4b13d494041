import type { SwitchboardMetrics } from '@switchboard/platform';
import type { ContactIntake, InboundContact, IntakeResult } from '@switchboard/service-desk';

/**
 * Counts every contact intake takes, by channel and outcome (registered a request, joined one,
 * duplicate, failed): every channel stores through ContactIntake, so this sees them all.
 */
export class MeteredIntake implements ContactIntake {
  constructor(
    private readonly intake: ContactIntake,
    private readonly metrics: SwitchboardMetrics,
  ) {}

  async receive(inbound: InboundContact): Promise<IntakeResult> {
    try {
      const result = await this.intake.receive(inbound);
      this.metrics.contactReceived(inbound.channel, result.duplicate ? 'duplicate' : result.registered ? 'registered' : 'appended');
      return result;
    } catch (error) {
      this.metrics.contactReceived(inbound.channel, 'failed');
      throw error;
    }
  }
}
