import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { Telegram } from 'telegraf';
import type { TelegramCallback, TelegramUnitChoice, UnitChoiceOutcome, UnitOption } from '@switchboard/channel-telegram';
import { telegramTexts, unitKeyboard } from '@switchboard/channel-telegram';
import type { EstateResidents } from '@switchboard/estate';
import { residentUnitLabel } from '@switchboard/estate/domain';
import type { PlacedUnit } from '@switchboard/estate';
import { ExecuteRequestCommand } from '@switchboard/service-desk';
import type { ServiceDeskSnapshots } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';

/**
 * The Telegram bot's unit question (issue 16): a new request of a client who holds several units
 * today (the estate's residents) is asked which one it is about; the pressed button sets it
 * (`SetRequestUnit`, command id `telegram-callback:<update id>`: Telegram's redelivery records
 * nothing, and the same unit pressed again is the decider's no-op). Only the request's own chat
 * may choose, and only among its client's current units; once someone works the request, not a
 * unit of another site (the decider's `site-locked`, answered as such). The question then loses its buttons
 * (best effort, through the Bot API): the choice is what counts.
 */
export class RequestUnitChoice implements TelegramUnitChoice {
  private readonly logger = new Logger('telegram');
  private readonly telegram?: Telegram;

  constructor(
    private readonly snapshots: Pick<ServiceDeskSnapshots, 'request'>,
    private readonly estate: Pick<EstateResidents, 'currentUnitsOf'>,
    private readonly commands: Pick<CommandBus, 'execute'>,
    bot?: { readonly botToken?: string; readonly apiRoot: string },
  ) {
    if (bot?.botToken) this.telegram = new Telegram(bot.botToken, { apiRoot: bot.apiRoot, webhookReply: false });
  }

  async unitsToAsk(requestId: string): Promise<readonly UnitOption[]> {
    const request = await this.snapshots.request(requestId);
    if (!request?.clientId || request.unitId) return [];
    const units = await this.unitsOf(request.clientId);
    return units.length > 1 ? units.map(({ unitId, label }) => ({ unitId, label })) : [];
  }

  async offer(chatId: string, requestId: string): Promise<void> {
    if (!this.telegram) return;
    const units = await this.unitsToAsk(requestId);
    if (units.length < 2) return;
    await this.telegram.sendMessage(Number(chatId), telegramTexts.whichUnit, { reply_markup: unitKeyboard(requestId, units) });
  }

  async choose(callback: TelegramCallback, choice: { requestId: string; unitId: string }): Promise<UnitChoiceOutcome> {
    const request = await this.snapshots.request(choice.requestId);
    if (!request?.clientId || request.contact.channel !== 'telegram' || request.contact.address !== callback.chatId) return { outcome: 'refused' };
    const unit = (await this.unitsOf(request.clientId)).find((u) => u.unitId === choice.unitId);
    if (!unit) return { outcome: 'refused' };
    try {
      const result = await this.commands.execute(
        new ExecuteRequestCommand(
          request.id,
          {
            type: 'SetRequestUnit',
            unitId: unit.unitId,
            buildingId: unit.place.buildingId,
            siteSlug: unit.place.siteSlug,
            by: 'channel:telegram',
            now: callback.receivedAt,
          },
          { commandId: `telegram-callback:${callback.updateId}`, origin: 'system', correlationId: request.id },
        ),
      );
      await this.dropButtons(callback, unit.label);
      return { outcome: result.appended ? 'set' : 'unchanged', label: unit.label };
    } catch (error) {
      if (error instanceof IllegalTransitionError) return { outcome: 'refused' };
      // Someone works the request at its site: a press under an old question cannot move it to another.
      if (error instanceof DomainRuleError && error.rule === 'site-locked') return { outcome: 'refused', reason: 'site-locked' };
      throw error;
    }
  }

  /** The client's units today, each once, labelled as in the portal. */
  private async unitsOf(clientId: string): Promise<(UnitOption & { place: PlacedUnit })[]> {
    const units = new Map<string, UnitOption & { place: PlacedUnit }>();
    for (const { unit } of await this.estate.currentUnitsOf(clientId, new Date())) {
      if (!units.has(unit.id)) units.set(unit.id, { unitId: unit.id, label: residentUnitLabel(unit), place: unit });
    }
    return [...units.values()].sort((a, b) => a.label.localeCompare(b.label) || a.unitId.localeCompare(b.unitId));
  }

  private async dropButtons(callback: TelegramCallback, label: string): Promise<void> {
    if (!this.telegram || !callback.chatId || callback.messageId === undefined) return;
    try {
      await this.telegram.editMessageText(Number(callback.chatId), callback.messageId, undefined, `${telegramTexts.whichUnit}\n\n✓ ${label}`);
    } catch (error) {
      this.logger.warn(
        `the unit question ${callback.messageId} in chat ${callback.chatId} kept its buttons: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
