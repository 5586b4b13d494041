import type { Pool } from 'pg';
import type { HealthIndicator } from './health-indicator';

export const postgresHealthIndicator = (pool: Pool, name = 'postgres'): HealthIndicator => ({
  name,
  async check() {
    await pool.query('SELECT 1');
  },
});
