import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { Telegram } from 'telegraf';
import type { TelegramCallback, TelegramCallbackHandler } from '@switchboard/channel-telegram';
import { SurveyResponseError } from '@switchboard/communications/domain';
import { callbackAnswer, localized, parseSurveyCallback, telegramQuestion } from '@switchboard/communications/domain';
import type { SurveyLanguage } from '@switchboard/communications/domain';
import type { CommunicationPolicies, Surveys } from '@switchboard/communications';
import { normalisePhone } from '@switchboard/customers/domain';

const texts = {
  thanks: { ru: 'Спасибо за ответ!', en: 'Thank you for your answer!' },
  done: { ru: 'Спасибо! Опрос завершён.', en: 'Thank you! The survey is complete.' },
  closed: { ru: 'Этот опрос уже завершён.', en: 'This survey is already complete.' },
  unknown: { ru: 'Этот опрос больше недоступен.', en: 'This survey is no longer available.' },
  again: { ru: 'Выберите вариант ещё раз.', en: 'Please choose again.' },
  unsubscribed: { ru: 'Вы отписались от рекламных сообщений.', en: 'You are unsubscribed from marketing messages.' },
  notLinked: { ru: 'Поделитесь номером телефона, чтобы мы нашли вашу подписку.', en: 'Share your phone number so we can find your subscription.' },
} as const;

/** What the keyboard of a survey message shows after a press: the next question, or the thanks without buttons. */
type Edit = { readonly text: string; readonly buttons: readonly (readonly { text: string; data: string }[])[] };

/**
 * Inline buttons pressed in Telegram (ADR 0027): a survey's answer is recorded (idempotent on the
 * update id, and the same answer twice records nothing) and the message turns into the next
 * question, or into the thanks; "Unsubscribe" opts the client of the chat's phone out of every
 * marketing type, logged as a change by `client:telegram`. The message edit is best effort: the
 * answer is what counts.
 */
export class SurveyTelegramCallbacks implements TelegramCallbackHandler {
  private readonly logger = new Logger('surveys');
  private readonly telegram?: Telegram;

  constructor(
    private readonly surveys: Surveys,
    private readonly policies: CommunicationPolicies,
    private readonly pool: Pool,
    bot?: { readonly botToken?: string; readonly apiRoot: string },
  ) {
    if (bot?.botToken) this.telegram = new Telegram(bot.botToken, { apiRoot: bot.apiRoot, webhookReply: false });
  }

  async handle(callback: TelegramCallback): Promise<{ text?: string }> {
    const parsed = parseSurveyCallback(callback.data);
    if (!parsed) return {};
    if (parsed.kind === 'unsubscribe') return this.unsubscribe(callback);
    const response = await this.surveys.response(parsed.communicationId);
    if (!response) return { text: texts.unknown.ru };
    const language: SurveyLanguage = response.language;
    const question = response.questions[parsed.questionIndex];
    if (!question) return { text: texts.unknown[language] };
    if (parsed.value.kind === 'toggle') {
      await this.edit(callback, telegramQuestion(response.communicationId, parsed.questionIndex, question, language, { mask: parsed.value.mask }));
      return {};
    }
    const answer = callbackAnswer(question, parsed.value);
    if (!answer) return { text: texts.again[language] };
    try {
      const outcome = await this.surveys.answer(
        response.communicationId,
        [{ questionId: question.id, answer }],
        'messenger',
        'client:telegram',
        `telegram-callback:${callback.updateId}`,
        false,
        callback.receivedAt,
      );
      if (outcome.next) {
        await this.edit(callback, telegramQuestion(response.communicationId, outcome.next.index, outcome.next.question, language));
        return { text: texts.thanks[language] };
      }
      await this.edit(callback, { text: `${localized(question.text, language)}\n\n${texts.done[language]}`, buttons: [] });
      return { text: texts.done[language] };
    } catch (error) {
      if (error instanceof SurveyResponseError && error.rule === 'completed') return { text: texts.closed[language] };
      throw error;
    }
  }

  private async unsubscribe(callback: TelegramCallback): Promise<{ text: string }> {
    const phone = callback.phone ? normalisePhone(callback.phone.startsWith('+') ? callback.phone : `+${callback.phone}`) : undefined;
    const { rows } = phone ? await this.pool.query<{ id: string }>('SELECT id::text AS id FROM customers_clients WHERE phone = $1', [phone]) : { rows: [] };
    if (!rows[0]) return { text: `${texts.notLinked.ru} / ${texts.notLinked.en}` };
    const availability = await this.policies.optOut(rows[0].id, ['marketing'], {
      by: 'client:telegram',
      at: callback.receivedAt,
      reason: 'the Telegram Unsubscribe button',
    });
    return { text: texts.unsubscribed[availability.language] };
  }

  private async edit(callback: TelegramCallback, edit: Edit): Promise<void> {
    if (!this.telegram || !callback.chatId || callback.messageId === undefined) return;
    try {
      await this.telegram.callApi('editMessageText', {
        chat_id: Number(callback.chatId),
        message_id: callback.messageId,
        text: edit.text,
        reply_markup: { inline_keyboard: edit.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) },
      });
    } catch (error) {
      this.logger.warn(`survey message ${callback.chatId}/${callback.messageId} not updated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
