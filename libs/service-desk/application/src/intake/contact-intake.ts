import type { InboundContact, IntakeResult } from './intake.service';

/**
 * The front door every channel stores its contacts through, as a DI token and a type: the apps
 * provide IntakeService behind it, decorated (metering) without the channels knowing.
 */
export abstract class ContactIntake {
  abstract receive(inbound: InboundContact): Promise<IntakeResult>;
}
