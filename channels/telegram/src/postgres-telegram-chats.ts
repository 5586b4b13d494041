import type { Pool } from 'pg';
import type { TelegramChats } from './telegram-chats';

export class PostgresTelegramChats implements TelegramChats {
  constructor(private readonly pool: Pool) {}

  async phoneOf(chatId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ phone: string }>('SELECT phone FROM telegram_chats WHERE chat_id = $1', [chatId]);
    return rows[0]?.phone;
  }

  async link(chatId: string, phone: string, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO telegram_chats (chat_id, phone, linked_at) VALUES ($1, $2, $3)
       ON CONFLICT (chat_id) DO UPDATE SET phone = excluded.phone, linked_at = excluded.linked_at`,
      [chatId, phone, at],
    );
  }
}
