import type { Pool } from 'pg';
import type { SentNotifications } from '@switchboard/service-desk';

export class PostgresSentNotifications implements SentNotifications {
  constructor(private readonly pool: Pool) {}

  async wasSent(key: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM service_desk_sent_notifications WHERE key = $1', [key]);
    return (rowCount ?? 0) > 0;
  }

  async markSent(key: string): Promise<void> {
    await this.pool.query('INSERT INTO service_desk_sent_notifications (key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
  }
}
