import { Telegram, TelegramError } from 'telegraf';
import { PermanentSendError } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';
import { UNSUBSCRIBE_CALLBACK, unsubscribeButtonLabels } from '@switchboard/communications/domain';
import { TELEGRAM_MESSAGE_LIMIT, splitText } from './telegram-outbound.sender';
import type { TelegramSenderOptions } from './telegram-outbound.sender';

type TelegrafSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;
const timeoutSignal = (ms: number): TelegrafSignal => AbortSignal.timeout(ms) as unknown as TelegrafSignal;

/**
 * Communications on the messenger channel: `sendMessage` to the client's Telegram chat (the
 * address is the chat id) with telegraf's Bot API client. 400 (chat not found) and 403 (the bot
 * was blocked by the user, kicked) can never succeed: PermanentSendError; 429, 5xx and network
 * errors are retried. A longer text goes out as consecutive messages; the first one's id is the
 * provider message id. The message's inline buttons (a survey's answers) go under the last part,
 * and a marketing communication gets an "Unsubscribe" / "Отписаться" button there (ADR 0027).
 */
export class TelegramCommunicationSender implements ChannelSender {
  readonly channel = 'messenger' as const;
  private readonly telegram: Telegram;
  private readonly timeoutMs: number;

  constructor(options: TelegramSenderOptions) {
    this.telegram = new Telegram(options.botToken, { apiRoot: options.apiRoot, webhookReply: false });
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(communication: OutgoingCommunication): Promise<{ providerMessageId?: string }> {
    const chatId = Number(communication.address);
    if (!Number.isSafeInteger(chatId)) throw new PermanentSendError(`"${communication.address}" is not a Telegram chat id`);
    let first: number | undefined;
    const parts = splitText(communication.message.text, TELEGRAM_MESSAGE_LIMIT);
    const keyboard = inlineKeyboard(communication);
    for (const [index, part] of parts.entries()) {
      const markup = keyboard && index === parts.length - 1 ? { reply_markup: { inline_keyboard: keyboard } } : {};
      try {
        const sent = await this.telegram.callApi('sendMessage', { chat_id: chatId, text: part, ...markup }, { signal: timeoutSignal(this.timeoutMs) });
        first ??= sent.message_id;
      } catch (error) {
        if (error instanceof TelegramError && (error.code === 400 || error.code === 403))
          throw new PermanentSendError(`Telegram ${error.code}: ${error.description}`);
        if (error instanceof TelegramError) throw new Error(`Telegram ${error.code}: ${error.description}`, { cause: error });
        throw error;
      }
    }
    return first === undefined ? {} : { providerMessageId: String(first) };
  }
}

/** The buttons under the message: its own rows, then "Unsubscribe" for a marketing type; undefined when none. */
export function inlineKeyboard(communication: OutgoingCommunication): { text: string; callback_data: string }[][] | undefined {
  const rows = (communication.buttons ?? []).map((row) => row.map((b) => ({ text: b.text, callback_data: b.data })));
  if (communication.marketing) rows.push([{ text: unsubscribeButtonLabels[communication.language ?? 'ru'], callback_data: UNSUBSCRIBE_CALLBACK }]);
  return rows.length > 0 ? rows : undefined;
}
