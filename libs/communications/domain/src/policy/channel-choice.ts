import type { ClientAddresses, CommunicationChannel, CommunicationChannelEntry } from '../reference/communication-channel';

/** When a department prefers nothing for a type: the messenger first (free, read at once), then SMS, email, push. */
export const defaultChannelOrder: readonly CommunicationChannel[] = ['messenger', 'sms', 'email', 'push'];

export interface ChannelChoice {
  readonly channel: CommunicationChannel;
  readonly address: string;
}

/** Why a channel was passed over, for the reason of a communication no channel could carry. */
export interface PassedChannel {
  readonly channel: CommunicationChannel;
  readonly why: 'blocked' | 'no-address';
}

/**
 * The channel a communication goes by: the department's preferred channels for its type in order
 * [Предпочитаемые каналы связи], falling back past a blocked channel or one the client has no
 * address on. A channel the caller demands (a reply on the channel the client wrote on) is the
 * only candidate.
 */
export function chooseChannel(input: {
  readonly preferred: readonly CommunicationChannel[];
  readonly channels: readonly CommunicationChannelEntry[];
  readonly addresses: ClientAddresses;
  readonly demanded?: CommunicationChannel;
}): { readonly choice?: ChannelChoice; readonly passed: readonly PassedChannel[] } {
  const order = input.demanded ? [input.demanded] : input.preferred.length ? input.preferred : defaultChannelOrder;
  const passed: PassedChannel[] = [];
  for (const channel of order) {
    const entry = input.channels.find((c) => c.code === channel);
    if (!entry || entry.status !== 'active') {
      passed.push({ channel, why: 'blocked' });
      continue;
    }
    const address = input.addresses[channel];
    if (!address) {
      passed.push({ channel, why: 'no-address' });
      continue;
    }
    return { choice: { channel, address }, passed };
  }
  return { passed };
}
