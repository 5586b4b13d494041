import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { LegacyUnavailableError } from '@switchboard/customers';
import type { LegacyCustomersSource, LegacySearchResult } from '@switchboard/customers';
import { normalisePhone, phoneMatchKey } from '@switchboard/customers/domain';
import type { LegacyClientRecord, LegacyOrderRecord, NameQuery } from '@switchboard/customers/domain';
import { legacyNameSql, legacyPhoneTailSql } from './legacy-schema';
import { errorMessage } from '@switchboard/kernel';

export interface PostgresLegacyCustomersSourceOptions {
  /** LEGACY_DATABASE_URL. */
  readonly url: string;
  /** LEGACY_TIMEOUT_MS: every call's limit, enforced here and by the server (statement_timeout). */
  readonly timeoutMs?: number;
  /** Most records one name search returns; more matches make the answer partial. */
  readonly maxSearchHits?: number;
  /** Zone the LegacyDB's `timestamp without time zone` values were written in. */
  readonly timeZone?: string;
  readonly maxConnections?: number;
  /** Where failures of idle connections are reported; a Nest logger by default. */
  readonly logger?: { warn(message: string): void };
}

interface ClientRow {
  client_no: number;
  fio: string;
  tel: string | null;
  e_mail: string | null;
  inn: string | null;
  org_name: string | null;
}

interface OrderRow {
  order_no: string;
  client_no: number;
  descr: string | null;
  summa: string;
  dt: Date;
}

const clientColumns = 'client_no, fio, tel, e_mail, inn, org_name';

const toRecord = (r: ClientRow): LegacyClientRecord => ({
  legacyId: r.client_no,
  fullName: r.fio,
  phone: r.tel ?? '',
  ...(r.e_mail ? { email: r.e_mail } : {}),
  ...(r.inn ? { inn: r.inn } : {}),
  ...(r.org_name ? { organisation: r.org_name } : {}),
});

const containing = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

class Deadline extends Error {}

/** Connection-level failures (SQLSTATE class 08, 57P0x, 3D000, 28xxx) and socket errors. */
function isUnreachable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  if (/^(08|28|57P0|3D000)/.test(code) || /^E(CONN|HOST|NET|ADDR|PIPE|TIMEDOUT|NOTFOUND|AI_AGAIN)/.test(code)) return true;
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

/**
 * The LegacyDB through its own read-only `pg` pool. Each call must finish within the timeout:
 * the server cancels the statement (statement_timeout) and the call gives up on its side too (a
 * stuck connection, a full pool), failing with `LegacyUnavailableError('timeout')`.
 */
export class PostgresLegacyCustomersSource implements LegacyCustomersSource {
  private readonly logger: { warn(message: string): void };
  private readonly pool: Pool;
  private readonly timeoutMs: number;
  private readonly maxSearchHits: number;
  private readonly timeZone: string;

  constructor(options: PostgresLegacyCustomersSourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 800;
    this.maxSearchHits = options.maxSearchHits ?? 1_000;
    this.timeZone = options.timeZone ?? 'Europe/Moscow';
    this.logger = options.logger ?? new Logger('LegacyDB');
    this.pool = new Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 5,
      statement_timeout: this.timeoutMs,
      connectionTimeoutMillis: this.timeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'switchboard-legacy',
      // Switchboard never writes to the LegacyDB.
      options: '-c default_transaction_read_only=on',
    });
    this.pool.on('error', (error) => this.logger.warn(`idle LegacyDB connection failed: ${error.message}`));
  }

  async searchClientsByName(query: NameQuery): Promise<LegacySearchResult> {
    const conditions = query.words.map((_, i) => `${legacyNameSql} LIKE $${i + 2}`).join(' AND ');
    const rows = await this.run<ClientRow>(`SELECT ${clientColumns} FROM legacy_clients WHERE ${conditions} ORDER BY client_no LIMIT $1`, [
      this.maxSearchHits + 1,
      ...query.words.map(containing),
    ]);
    return { clients: rows.slice(0, this.maxSearchHits).map(toRecord), truncated: rows.length > this.maxSearchHits };
  }

  async findClient(legacyId: number): Promise<LegacyClientRecord | undefined> {
    if (!Number.isSafeInteger(legacyId) || legacyId < 1 || legacyId > 2_147_483_647) return undefined;
    const [row] = await this.run<ClientRow>(`SELECT ${clientColumns} FROM legacy_clients WHERE client_no = $1`, [legacyId]);
    return row && toRecord(row);
  }

  async findClientsByPhone(phone: string): Promise<LegacyClientRecord[]> {
    const rows = await this.run<ClientRow>(`SELECT ${clientColumns} FROM legacy_clients WHERE ${legacyPhoneTailSql} = $1 ORDER BY client_no`, [
      phoneMatchKey(phone),
    ]);
    // The tail only narrows the search: the whole number must be the same.
    return rows.filter((r) => normalisePhone(r.tel) === phone).map(toRecord);
  }

  async findOrder(code: string): Promise<LegacyOrderRecord | undefined> {
    const [row] = await this.run<OrderRow>(
      `SELECT order_no, client_no, descr, summa::text AS summa, dt AT TIME ZONE $2 AS dt
       FROM legacy_orders WHERE order_no = $1 ORDER BY dt LIMIT 1`,
      [code, this.timeZone],
    );
    return row && { code: row.order_no, legacyClientId: row.client_no, description: row.descr ?? '', cost: row.summa, createdAt: row.dt };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async run<R extends object>(sql: string, values: unknown[]): Promise<R[]> {
    const work = (async () => {
      const client = await this.pool.connect();
      try {
        return (await client.query<R & Record<string, unknown>>(sql, values)).rows;
      } finally {
        client.release();
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Deadline()), this.timeoutMs);
    });
    // Past the deadline the work still settles (the server cancels it); nobody is waiting then.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof Deadline) throw new LegacyUnavailableError('timeout', `no answer within ${this.timeoutMs} ms`);
      if ((error as { code?: string }).code === '57014')
        throw new LegacyUnavailableError('timeout', `statement cancelled after ${this.timeoutMs} ms`, { cause: error });
      if (isUnreachable(error)) throw new LegacyUnavailableError('unreachable', errorMessage(error), { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
