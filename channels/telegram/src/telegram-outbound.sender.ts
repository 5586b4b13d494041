import { Telegram, TelegramError } from 'telegraf';
import { PermanentSendError } from '@switchboard/service-desk';
import type { OutboundChannelSender, OutboundMessage, SendReceipt } from '@switchboard/service-desk';

/** Bot API limit of one message's text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

export interface TelegramSenderOptions {
  readonly botToken: string;
  /** Bot API base URL (`https://api.telegram.org`, a local Bot API server, a test double). */
  readonly apiRoot: string;
  /** Per Bot API call; telegraf's own is minutes. */
  readonly timeoutMs?: number;
}

/**
 * Replies and notifications to a Telegram chat with `sendMessage` (telegraf's Bot API client).
 * 400 (chat not found, bad request) and 403 (bot blocked, kicked) cannot succeed on retry: they
 * fail at once; 429, 5xx and network errors are retried by the outbox.
 */
export class TelegramOutboundSender implements OutboundChannelSender {
  readonly channel = 'telegram' as const;
  private readonly telegram: Telegram;
  private readonly timeoutMs: number;

  constructor(options: TelegramSenderOptions) {
    this.telegram = new Telegram(options.botToken, { apiRoot: options.apiRoot, webhookReply: false });
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const chatId = Number(message.contact.address);
    if (!Number.isSafeInteger(chatId)) throw new PermanentSendError(`"${message.contact.address}" is not a Telegram chat id`);
    let first: number | undefined;
    // Longer texts go out as consecutive messages; the receipt names the first.
    for (const part of splitText(message.text, TELEGRAM_MESSAGE_LIMIT)) {
      try {
        const sent = await this.telegram.callApi('sendMessage', { chat_id: chatId, text: part }, { signal: timeoutSignal(this.timeoutMs) });
        first ??= sent.message_id;
      } catch (error) {
        if (error instanceof TelegramError && (error.code === 400 || error.code === 403))
          throw new PermanentSendError(`Telegram ${error.code}: ${error.description}`);
        if (error instanceof TelegramError) throw new Error(`Telegram ${error.code}: ${error.description}`, { cause: error });
        throw error;
      }
    }
    return first === undefined ? {} : { channelMessageId: String(first) };
  }
}

type TelegrafSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

// telegraf types its signal with the abort-controller polyfill; its node-fetch accepts Node's own.
const timeoutSignal = (ms: number): TelegrafSignal => AbortSignal.timeout(ms) as unknown as TelegrafSignal;

/** Splits at the last line break (or space) before the limit, so words stay whole. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}
