import type { CustomersRepository } from '@switchboard/customers';
import { normalisePhone } from '@switchboard/customers/domain';
import type { ContactOwners } from '@switchboard/service-desk';
import type { ChannelContact } from '@switchboard/service-desk/domain';

const PHONE_CHANNELS: readonly ChannelContact['channel'][] = ['sms', 'phone'];

/** The client whose phone a phone-number contact (SMS, call) is; other channels name no client here. */
export class CustomersContactOwners implements ContactOwners {
  constructor(private readonly customers: CustomersRepository) {}

  async clientOf(contact: ChannelContact): Promise<string | undefined> {
    if (!PHONE_CHANNELS.includes(contact.channel)) return undefined;
    const phone = normalisePhone(contact.address);
    return phone ? (await this.customers.findClientByPhone(phone))?.id : undefined;
  }
}
