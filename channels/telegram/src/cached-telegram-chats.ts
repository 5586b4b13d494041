import type { TelegramChats } from './telegram-chats';

export interface CachedTelegramChatsOptions {
  /** How long a chat's phone (or its having none) is taken as known; a link made here is known at once. */
  readonly ttlMs: number;
  readonly capacity: number;
  readonly now?: () => number;
}

/**
 * Telegram chats with their phones remembered for a short while: every update of a chat asks for
 * its phone (a database round trip per contact, the most frequent query of intake), while a chat
 * links a phone once. A link made through another gateway is seen here within `ttlMs`; until then a
 * contact is registered with the phone this gateway knew, as if it had arrived a moment earlier.
 */
export class CachedTelegramChats implements TelegramChats {
  private readonly known = new Map<string, { phone: string | undefined; until: number }>();
  private readonly now: () => number;

  constructor(
    private readonly chats: TelegramChats,
    private readonly options: CachedTelegramChatsOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async phoneOf(chatId: string): Promise<string | undefined> {
    const entry = this.known.get(chatId);
    if (entry && entry.until > this.now()) return entry.phone;
    const phone = await this.chats.phoneOf(chatId);
    this.remember(chatId, phone);
    return phone;
  }

  async link(chatId: string, phone: string, at: Date): Promise<void> {
    this.known.delete(chatId);
    await this.chats.link(chatId, phone, at);
    this.remember(chatId, phone);
  }

  private remember(chatId: string, phone: string | undefined): void {
    this.known.delete(chatId);
    this.known.set(chatId, { phone, until: this.now() + this.options.ttlMs });
    if (this.known.size > this.options.capacity) this.known.delete(this.known.keys().next().value as string);
  }
}
