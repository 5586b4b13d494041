/** Which phone number a Telegram chat shared: the chat's identity for client resolution. */
export interface TelegramChats {
  /** E.164, when the chat shared its own contact. */
  phoneOf(chatId: string): Promise<string | undefined>;
  /** Links (or re-links) the chat to an E.164 phone number. */
  link(chatId: string, phone: string, at: Date): Promise<void>;
}

export const TELEGRAM_CHATS = Symbol('TelegramChats');
