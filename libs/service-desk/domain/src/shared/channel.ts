export const channels = ['telegram', 'sms', 'esb', 'phone', 'email', 'operator', 'portal'] as const;
export type Channel = (typeof channels)[number];

/** Who the customer is on their channel: a Telegram chat, a phone number, an ESB source system. */
export interface ChannelContact {
  readonly channel: Channel;
  /** Telegram chat id, E.164 phone number, ESB source id, ... */
  readonly address: string;
  readonly displayName?: string;
}

export interface Attachment {
  readonly kind: 'photo' | 'document' | 'audio' | 'other';
  /** The channel's own file reference (Telegram file_id, ...). */
  readonly fileId: string;
  readonly name?: string;
}
