import type { PassCommand, TelegramPassOrders } from '@switchboard/channel-telegram';
import { telegramTexts } from '@switchboard/channel-telegram';
import type { CustomersRepository } from '@switchboard/customers';
import type { EstateResidents } from '@switchboard/estate';
import type { ResidentUnits } from '@switchboard/portal';
import type { Passes } from '@switchboard/security-desk';
import { PassRuleError } from '@switchboard/security-desk/domain';
import { EstateResidentUnits } from '../portal/estate-resident-units';

/** How long a pass ordered from the bot admits the visitor: the rest of a working day or evening. */
export const TELEGRAM_PASS_HOURS = 12;

/**
 * The command id of a `/pass` update, from which the pass's id derives. Telegram's update ids are
 * unique per bot only and may start again (after a week without updates, or for another bot on the
 * same database), so the chat is part of it: two chats' updates never share a pass, and one
 * update delivered again names the same one.
 */
export const telegramPassCommandId = (chatId: string, updateId: number): string => `telegram-pass:${chatId}:${updateId}`;

/**
 * Who the chat's shared phone is, looked up only: no LegacyDB migration, no client created, no
 * unit looked up on the side (the intake's `ClientResolver` does all three, and hides failures).
 * A failure is thrown, so the webhook fails and Telegram delivers the update again.
 */
export type PassClientLookup = Pick<CustomersRepository, 'findClientByPhone'>;

/**
 * `/pass` in the Telegram bot (issue 16): the chat's shared phone names the client, the estate's
 * residents name their units (as in the portal), and the security desk creates a one-time pass
 * issued as `Resident` — the same `Passes.create` as the portal. Its id derives from the command id
 * `telegram-pass:<chat id>:<update id>`: Telegram's redelivery finds the pass it created and creates
 * nothing. Every failure is thrown (never answered as "share your number"): the webhook is then not
 * acknowledged and Telegram redelivers, so an order is neither lost nor doubled.
 */
export class TelegramPassOrdering implements TelegramPassOrders {
  private readonly units: ResidentUnits;

  constructor(
    private readonly clients: PassClientLookup,
    estate: Pick<EstateResidents, 'currentUnitsOf'>,
    private readonly passes: Pick<Passes, 'create'>,
  ) {
    this.units = new EstateResidentUnits(estate);
  }

  async order(order: { chatId: string; phone?: string; command: PassCommand; updateId: number; receivedAt: Date }): Promise<string> {
    if (order.command.kind === 'help') return telegramTexts.passHelp;
    if (!order.phone) return telegramTexts.passNotLinked;
    const client = await this.clients.findClientByPhone(order.phone);
    if (!client) return telegramTexts.passNotLinked;
    const units = await this.units.unitsOf(client.id);
    if (units.length === 0) return telegramTexts.passNoUnits;
    const { unitNumber, visitorName, plate } = order.command;
    const unit = unitNumber !== undefined ? units[unitNumber - 1] : units.length === 1 ? units[0] : undefined;
    if (!unit) return telegramTexts.passChooseUnit(units.map((u) => u.label));
    const validUntil = new Date(order.receivedAt.getTime() + TELEGRAM_PASS_HOURS * 3_600_000);
    try {
      await this.create(order, unit, visitorName, plate, validUntil);
    } catch (error) {
      // A pass the desk's rules refuse is refused on every redelivery: answer it, don't fail the update.
      if (error instanceof PassRuleError) return telegramTexts.passRefused(error.message);
      throw error;
    }
    return telegramTexts.passOrdered(visitorName ?? plate ?? '', unit.label, validUntil);
  }

  private async create(
    order: { chatId: string; phone?: string; updateId: number; receivedAt: Date },
    unit: { siteSlug: string; unitId: string; label: string },
    visitorName: string | undefined,
    plate: string | undefined,
    validUntil: Date,
  ): Promise<void> {
    await this.passes.create(
      {
        siteSlug: unit.siteSlug,
        unitId: unit.unitId,
        unitLabel: unit.label,
        residentPhone: order.phone,
        kind: 'one-time',
        ...(visitorName ? { visitorName } : {}),
        ...(plate ? { plate } : {}),
        validFrom: order.receivedAt.toISOString(),
        validUntil: validUntil.toISOString(),
        issuedAs: 'Resident',
        note: 'Ordered in Telegram',
      },
      `telegram:${order.chatId}`,
      { commandId: telegramPassCommandId(order.chatId, order.updateId), origin: 'user' },
      order.receivedAt,
    );
  }
}
