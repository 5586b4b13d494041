import type { ChannelContact } from '@switchboard/service-desk/domain';

/** Which client a channel contact (a phone number, a linked chat) belongs to, if any. */
export interface ContactOwners {
  clientOf(contact: ChannelContact): Promise<string | undefined>;
}

export const CONTACT_OWNERS = Symbol('ContactOwners');
