import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { normalisePhone } from '@switchboard/customers/domain';
import { CLIENT_RESOLVER, ContactIntake, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { ClientResolver, IntakeResult } from '@switchboard/service-desk';
import { TELEGRAM_CHATS } from './telegram-chats';
import type { TelegramChats } from './telegram-chats';
import { telegramTexts } from './telegram-texts';
import type { TelegramInbound } from './telegram-update';
import { parseUnitCallback, unitKeyboard } from './unit-choice';
import { isPassCommand, parsePassCommand } from './pass-command';
import type { PassCommand } from './pass-command';
import type { UnitOption } from './unit-choice';

/**
 * A Bot API method call returned as the webhook's answer: Telegram performs it, with no extra
 * round trip from us (https://core.telegram.org/bots/faq#how-can-i-make-requests-in-response-to-updates).
 * Only for courtesy messages: its outcome is never known.
 */
export type TelegramWebhookReply =
  | { readonly method: 'sendMessage'; readonly chat_id: number; readonly text: string; readonly reply_markup?: object }
  | { readonly method: 'answerCallbackQuery'; readonly callback_query_id: string; readonly text?: string };

/** A pressed inline button, with the phone its chat shared (if any). */
export type TelegramCallback = Extract<TelegramInbound, { kind: 'callback' }> & { readonly phone?: string };

/**
 * What a pressed button does (a survey's answer, "Unsubscribe"), provided by the app: the text
 * Telegram shows the user briefly. It must be idempotent on the update id (Telegram redelivers).
 */
export interface TelegramCallbackHandler {
  handle(callback: TelegramCallback): Promise<{ readonly text?: string }>;
}

export const TELEGRAM_CALLBACKS = Symbol('TelegramCallbacks');

/**
 * What a unit button did: `set` (or `unchanged`: that unit already), `refused` (not one of the
 * request's client's units, or the request is closed; `site-locked`: someone works it at its site,
 * and the unit is at another).
 */
export type UnitChoiceOutcome =
  { readonly outcome: 'set' | 'unchanged'; readonly label: string } | { readonly outcome: 'refused'; readonly reason?: 'site-locked' };

/**
 * The units a new request may be about (provided by the app, from the estate's residents): asked
 * after the contact is stored, never before; the choice is a command on the request.
 */
export interface TelegramUnitChoice {
  /** The units of the request's client today when the request has none and the client holds several; empty otherwise (nothing to ask). */
  unitsToAsk(requestId: string): Promise<readonly UnitOption[]>;
  /**
   * Sends the question to the chat through the Bot API when there is one to ask (the webhook's
   * answer is taken, e.g. by the thanks for a shared number). Best effort.
   */
  offer(chatId: string, requestId: string): Promise<void>;
  /** Sets the request's unit to the pressed one; idempotent on the update id, and the same unit again records nothing. */
  choose(callback: TelegramCallback, choice: { readonly requestId: string; readonly unitId: string }): Promise<UnitChoiceOutcome>;
}

export const TELEGRAM_UNIT_CHOICE = Symbol('TelegramUnitChoice');

/** `/pass`: a visitor pass ordered by the resident of the chat's phone (provided by the app); answers what to tell them. */
export interface TelegramPassOrders {
  order(order: {
    readonly chatId: string;
    readonly phone?: string;
    readonly command: PassCommand;
    readonly updateId: number;
    readonly receivedAt: Date;
  }): Promise<string>;
}

export const TELEGRAM_PASS_ORDERS = Symbol('TelegramPassOrders');

export interface TelegramWebhookOutcome {
  /** Set when the update was stored (or had been stored before). */
  readonly intake?: IntakeResult;
  readonly reply?: TelegramWebhookReply;
}

/**
 * Handles one parsed update: stores conversation content through intake (resolving only after it
 * is durable), links a chat to the phone number it shares, greets on /start.
 */
@Injectable()
export class TelegramWebhook {
  private readonly logger = new Logger('telegram');

  constructor(
    @Inject(ContactIntake) private readonly intake: ContactIntake,
    @Inject(TELEGRAM_CHATS) private readonly chats: TelegramChats,
    @Inject(CLIENT_RESOLVER) private readonly clients: ClientResolver,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Optional() @Inject(TELEGRAM_CALLBACKS) private readonly callbacks?: TelegramCallbackHandler,
    @Optional() @Inject(TELEGRAM_UNIT_CHOICE) private readonly units?: TelegramUnitChoice,
    @Optional() @Inject(TELEGRAM_PASS_ORDERS) private readonly passes?: TelegramPassOrders,
  ) {}

  async handle(inbound: TelegramInbound): Promise<TelegramWebhookOutcome> {
    switch (inbound.kind) {
      case 'ignored':
        this.logger.log(`update ${inbound.updateId} not kept: ${inbound.reason}`);
        return {};
      case 'start': {
        const linked = await this.chats.phoneOf(inbound.chatId);
        return { reply: linked ? this.say(inbound.chatId, telegramTexts.greetingLinked) : this.askForContact(inbound.chatId) };
      }
      case 'message': {
        const phone = await this.chats.phoneOf(inbound.chatId);
        // A command, not a contact: it orders a pass (exactly once on the update id) and is not a request.
        if (this.passes && inbound.attachments.length === 0 && isPassCommand(inbound.text)) {
          const text = await this.passes.order({
            chatId: inbound.chatId,
            ...(phone ? { phone } : {}),
            command: parsePassCommand(inbound.text),
            updateId: inbound.updateId,
            receivedAt: inbound.receivedAt,
          });
          return { reply: this.say(inbound.chatId, text) };
        }
        const intake = await this.intake.receive({
          channel: 'telegram',
          messageId: String(inbound.updateId),
          contact: inbound.contact,
          text: inbound.text,
          attachments: inbound.attachments,
          receivedAt: inbound.receivedAt,
          client: phone ? { phone } : undefined,
        });
        // Stored first; then, for a new request of a client with several units, ask which (the answer is not awaited).
        const ask = intake.registered && !intake.duplicate ? await this.unitQuestion(inbound.chatId, intake.requestId) : undefined;
        return { intake, ...(ask ? { reply: ask } : {}) };
      }
      case 'contact':
        return this.contactShared(inbound);
      case 'callback': {
        const unit = parseUnitCallback(inbound.data);
        if (unit && this.units) {
          const chosen = await this.units.choose(inbound, unit);
          const text =
            chosen.outcome !== 'refused'
              ? telegramTexts.unitChosen(chosen.label)
              : chosen.reason === 'site-locked'
                ? telegramTexts.unitSiteLocked
                : telegramTexts.unitRefused;
          return { reply: { method: 'answerCallbackQuery', callback_query_id: inbound.callbackId, text } };
        }
        if (!this.callbacks) return { reply: { method: 'answerCallbackQuery', callback_query_id: inbound.callbackId } };
        const phone = inbound.chatId ? await this.chats.phoneOf(inbound.chatId) : undefined;
        const answer = await this.callbacks.handle({ ...inbound, ...(phone ? { phone } : {}) });
        return { reply: { method: 'answerCallbackQuery', callback_query_id: inbound.callbackId, ...(answer.text ? { text: answer.text } : {}) } };
      }
    }
  }

  private async contactShared(inbound: Extract<TelegramInbound, { kind: 'contact' }>): Promise<TelegramWebhookOutcome> {
    const phone = normalisePhone(inbound.phoneNumber.startsWith('+') ? inbound.phoneNumber : `+${inbound.phoneNumber}`);
    const name = [inbound.firstName, inbound.lastName].filter(Boolean).join(' ');
    const own = inbound.own && phone !== undefined;
    if (inbound.own && !phone)
      this.logger.warn(`update ${inbound.updateId}: chat ${inbound.chatId} shared a phone number that is not valid; the chat stays unlinked`);
    // Link first: a redelivery after a failed intake links again (idempotent) and then stores.
    if (own) await this.chats.link(inbound.chatId, phone, inbound.receivedAt);
    const intake = await this.intake.receive({
      channel: 'telegram',
      messageId: String(inbound.updateId),
      contact: inbound.contact,
      text: own ? telegramTexts.sharedOwn(phone) : telegramTexts.sharedOther(name, phone ?? inbound.phoneNumber),
      receivedAt: inbound.receivedAt,
      client: own ? { phone, firstName: inbound.firstName, lastName: inbound.lastName } : undefined,
    });
    if (own && !intake.registered && !intake.duplicate) await this.linkClientOnOpenRequest(intake.requestId, inbound, phone);
    // Now the request's client is known: a client with several units is asked which one it is about.
    if (own && !intake.duplicate) await this.offerUnits(inbound.chatId, intake.requestId);
    if (own) return { intake, reply: { ...this.say(inbound.chatId, telegramTexts.linked(phone)), reply_markup: { remove_keyboard: true } } };
    if (inbound.own) return { intake, reply: this.say(inbound.chatId, telegramTexts.invalidPhone) };
    return { intake };
  }

  /**
   * Intake resolves the client only when it registers a request; a number shared into an open
   * request offers its client here (the request keeps one an operator linked: the decider's rule).
   * Best effort: the chat is linked either way, and the operator can link the client by hand.
   */
  private async linkClientOnOpenRequest(requestId: string, inbound: Extract<TelegramInbound, { kind: 'contact' }>, phone: string): Promise<void> {
    try {
      const { clientId } = await this.clients.resolve({ phone, firstName: inbound.firstName, lastName: inbound.lastName });
      if (!clientId) return;
      await this.commands.execute(
        new ExecuteRequestCommand(
          requestId,
          { type: 'LinkClient', clientId, fromContact: true, by: 'channel:telegram', now: new Date() },
          { commandId: `telegram:link-client:${inbound.updateId}`, origin: 'system', correlationId: requestId },
        ),
      );
    } catch (error) {
      this.logger.warn(`update ${inbound.updateId}: client of request ${requestId} not linked: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * The question with one button per unit, when the client holds several. Best effort: the contact
   * is stored already, and an operator sets the unit when the question cannot be asked.
   */
  private async unitQuestion(chatId: string, requestId: string): Promise<TelegramWebhookReply | undefined> {
    if (!this.units) return undefined;
    try {
      const units = await this.units.unitsToAsk(requestId);
      if (units.length < 2) return undefined;
      return { ...this.say(chatId, telegramTexts.whichUnit), reply_markup: unitKeyboard(requestId, units) };
    } catch (error) {
      this.logger.warn(`request ${requestId}: the client's units were not offered: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async offerUnits(chatId: string, requestId: string): Promise<void> {
    try {
      await this.units?.offer(chatId, requestId);
    } catch (error) {
      this.logger.warn(`request ${requestId}: the client's units were not offered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private say(chatId: string, text: string): Extract<TelegramWebhookReply, { method: 'sendMessage' }> {
    return { method: 'sendMessage', chat_id: Number(chatId), text };
  }

  private askForContact(chatId: string): Extract<TelegramWebhookReply, { method: 'sendMessage' }> {
    return {
      ...this.say(chatId, telegramTexts.greeting),
      reply_markup: { keyboard: [[{ text: telegramTexts.shareButton, request_contact: true }]], resize_keyboard: true, one_time_keyboard: true },
    };
  }
}
