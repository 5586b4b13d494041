import type { Pool } from 'pg';
import type { DispatchContextSource } from '@switchboard/communications';
import type { ClientAddresses, Communication, CommunicationChannel, DispatchContext } from '@switchboard/communications/domain';
import type { PostgresCommunicationPolicies } from './postgres-communication-policies';

/**
 * What the policies look at, read from the tables: the type and channels, the client's
 * availability, the department's preferred channels for the type and its rate limits, and the
 * client's addresses — the customer record's phone (SMS) and email, and the Telegram chat linked to
 * that phone (messenger). A client id that is not a customer's (a contact known by a phone only)
 * is reached on nothing here.
 */
export class PostgresDispatchContextSource implements DispatchContextSource {
  constructor(
    private readonly pool: Pool,
    private readonly policies: PostgresCommunicationPolicies,
  ) {}

  async contextFor(communication: Communication, now: Date): Promise<Omit<DispatchContext, 'sent'>> {
    const [types, channels, preferences, limits, availability, known] = await Promise.all([
      this.policies.types(),
      this.policies.channels(),
      this.policies.preferences(communication.department),
      this.policies.rateLimits(communication.department),
      this.policies.availability(communication.clientId),
      this.addressesOf(communication.clientId),
    ]);
    // A demanded address (the chat or phone a request came from) is where it goes on that channel.
    const addresses: ClientAddresses =
      communication.demandedChannel && communication.demandedAddress ? { ...known, [communication.demandedChannel]: communication.demandedAddress } : known;
    const preferred = preferences.find((p) => p.communicationType === communication.communicationType)?.channels ?? [];
    return {
      now,
      type: types.find((t) => t.code === communication.communicationType),
      channels,
      availability: { status: availability.status, blockedPeriods: availability.blockedPeriods, optedOut: availability.optedOut },
      ...(availability.quietHours ? { quietHours: availability.quietHours } : {}),
      preferred,
      addresses,
      ...(communication.demandedChannel ? { demandedChannel: communication.demandedChannel } : {}),
      rateLimits: limits.map(({ id, limit, unit, units, types: only, overLimit }) => ({ id, limit, unit, units, ...(only ? { types: only } : {}), overLimit })),
    };
  }

  async addressesOf(clientId: string): Promise<ClientAddresses> {
    const { rows } = await this.pool.query<{ phone: string; email: string | null; chat_id: string | null }>(
      `SELECT c.phone, c.email,
              (SELECT t.chat_id::text FROM telegram_chats t WHERE t.phone = c.phone ORDER BY t.linked_at DESC LIMIT 1) AS chat_id
         FROM customers_clients c WHERE c.id::text = $1`,
      [clientId],
    );
    const row = rows[0];
    if (!row) return {};
    const addresses: Partial<Record<CommunicationChannel, string>> = { sms: row.phone };
    if (row.email) addresses.email = row.email;
    if (row.chat_id) addresses.messenger = row.chat_id;
    return addresses;
  }
}
