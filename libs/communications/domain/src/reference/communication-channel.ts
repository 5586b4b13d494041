import type { ReferenceStatus } from './communication-type';

/** The ways a communication reaches a client [Канал коммуникации]: seed 004's four. */
export const communicationChannels = ['sms', 'messenger', 'email', 'push'] as const;
export type CommunicationChannel = (typeof communicationChannels)[number];

export interface CommunicationChannelEntry {
  readonly code: CommunicationChannel;
  readonly name: string;
  readonly status: ReferenceStatus;
}

export const defaultCommunicationChannels: readonly CommunicationChannelEntry[] = [
  { code: 'sms', name: 'SMS', status: 'active' },
  { code: 'messenger', name: 'Messenger (Telegram)', status: 'active' },
  { code: 'email', name: 'Email', status: 'active' },
  { code: 'push', name: 'Push', status: 'active' },
];

/** Where a client can be reached, per channel: a phone (E.164), a Telegram chat, an email, Web Push subscriptions. */
export type ClientAddresses = { readonly [C in CommunicationChannel]?: string };
