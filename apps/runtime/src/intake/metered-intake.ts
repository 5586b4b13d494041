import type { SwitchboardMetrics } from '@switchboard/platform';
import type { InboundContact, IntakeResult, IntakeService } from '@switchboard/service-desk';

/**
 * Counts every contact intake takes, by channel and outcome (registered a request, joined one,
 * duplicate, failed): every channel stores through IntakeService, so this sees them all.
 */
export function meterIntake(intake: IntakeService, metrics: SwitchboardMetrics): IntakeService {
  const receive = intake.receive.bind(intake);
  intake.receive = async (inbound: InboundContact): Promise<IntakeResult> => {
    try {
      const result = await receive(inbound);
      metrics.contactReceived(inbound.channel, result.duplicate ? 'duplicate' : result.registered ? 'registered' : 'appended');
      return result;
    } catch (error) {
      metrics.contactReceived(inbound.channel, 'failed');
      throw error;
    }
  };
  return intake;
}
