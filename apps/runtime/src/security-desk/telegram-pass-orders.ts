import type { PassCommand, TelegramPassOrders } from '@switchboard/channel-telegram';
import type { EstateResidents } from '@switchboard/estate';
import type { ResidentUnits } from '@switchboard/portal';
import type { Passes } from '@switchboard/security-desk';
import type { ClientResolver } from '@switchboard/service-desk';
import { EstateResidentUnits } from '../portal/estate-resident-units';

/** How long a pass ordered from the bot admits the visitor: the rest of a working day or evening. */
export const TELEGRAM_PASS_HOURS = 12;

const texts = {
  help: 'To order a pass, send /pass and the visitor’s name or car plate, e.g. /pass Pyotr Ivanov or /pass A123BC77.',
  notLinked: 'Please share your phone number first (the button under /start), so we know whose guest it is.',
  noUnits: 'We find no premises of yours; please ask the management office.',
  choose: (units: readonly string[]) =>
    `Which premises is the guest coming to? Send the number first, e.g. /pass 1 Pyotr Ivanov:\n${units.map((label, i) => `${i + 1}. ${label}`).join('\n')}`,
  ordered: (who: string, label: string, until: Date) => `Pass ordered: ${who}, ${label}, until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
} as const;

/**
 * `/pass` in the Telegram bot (issue 16): the chat's shared phone names the client, the estate's
 * residents name their units (as in the portal), and the security desk creates a one-time pass
 * issued as `Resident` — the same `Passes.create` as the portal. Its id derives from the command id
 * `telegram-pass:<update id>`: Telegram's redelivery finds the pass it created and creates nothing.
 */
export class TelegramPassOrdering implements TelegramPassOrders {
  private readonly units: ResidentUnits;

  constructor(
    private readonly clients: Pick<ClientResolver, 'resolve'>,
    estate: Pick<EstateResidents, 'currentUnitsOf'>,
    private readonly passes: Pick<Passes, 'create'>,
  ) {
    this.units = new EstateResidentUnits(estate);
  }

  async order(order: { chatId: string; phone?: string; command: PassCommand; updateId: number; receivedAt: Date }): Promise<string> {
    if (order.command.kind === 'help') return texts.help;
    if (!order.phone) return texts.notLinked;
    const { clientId } = await this.clients.resolve({ phone: order.phone });
    if (!clientId) return texts.notLinked;
    const units = await this.units.unitsOf(clientId);
    if (units.length === 0) return texts.noUnits;
    const { unitNumber, visitorName, plate } = order.command;
    const unit = unitNumber !== undefined ? units[unitNumber - 1] : units.length === 1 ? units[0] : undefined;
    if (!unit) return texts.choose(units.map((u) => u.label));
    const validUntil = new Date(order.receivedAt.getTime() + TELEGRAM_PASS_HOURS * 3_600_000);
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
      { commandId: `telegram-pass:${order.updateId}`, origin: 'user' },
      order.receivedAt,
    );
    return texts.ordered(visitorName ?? plate ?? '', unit.label, validUntil);
  }
}
