import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CommunicationPolicies } from '@switchboard/communications';
import { isMarketingStop } from '@switchboard/communications/domain';
import { normalisePhone } from '@switchboard/customers/domain';
import type { ContactIntake, InboundContact, IntakeResult } from '@switchboard/service-desk';

/**
 * "STOP" / "СТОП" by SMS, or the Telegram "Unsubscribe" button: the client is opted out of every
 * marketing type, recorded as a change of their availability (by `client:<channel>`, with the
 * reason), before the message is stored as usual — the operators still see what the client wrote.
 * The client is the customer with the sender's phone (SMS: the number; Telegram: the phone its
 * chat shared). An opt-out that fails is logged and the message still stored: intake never loses
 * a contact for it.
 */
export class MarketingOptOutIntake implements ContactIntake {
  private readonly logger = new Logger('communications');

  constructor(
    private readonly intake: ContactIntake,
    private readonly policies: CommunicationPolicies,
    private readonly pool: Pool,
  ) {}

  async receive(inbound: InboundContact): Promise<IntakeResult> {
    if ((inbound.channel === 'sms' || inbound.channel === 'telegram') && isMarketingStop(inbound.text)) {
      await this.optOut(inbound).catch((error: unknown) =>
        this.logger.warn(
          `opt-out from ${inbound.channel} message ${inbound.messageId} not recorded: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    return this.intake.receive(inbound);
  }

  private async optOut(inbound: InboundContact): Promise<void> {
    const raw = inbound.channel === 'sms' ? inbound.contact.address : inbound.client?.phone;
    const phone = raw ? normalisePhone(raw.startsWith('+') ? raw : `+${raw}`) : undefined;
    if (!phone) return;
    const { rows } = await this.pool.query<{ id: string }>('SELECT id::text AS id FROM customers_clients WHERE phone = $1', [phone]);
    if (!rows[0]) return;
    await this.policies.optOut(rows[0].id, ['marketing'], {
      by: `client:${inbound.channel}`,
      at: inbound.receivedAt,
      reason: inbound.channel === 'sms' ? `"${inbound.text.trim()}" by SMS` : 'the Telegram Unsubscribe button',
    });
  }
}
