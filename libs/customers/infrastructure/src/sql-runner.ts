import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryResultRow } from 'pg';

/** Runs parameterised SQL the `pg` way (`$1`, arrays as arrays): a `pg` Pool is one. */
export interface SqlRunner {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<SqlRunner>;
  releaseConnection(connection: SqlRunner): Promise<unknown>;
}

/**
 * The `pg` connections under a MikroORM EntityManager, for callers that only have one: each query
 * borrows a native connection from MikroORM's pool, so `$n` placeholders and array parameters work.
 */
export function sqlRunnerOf(db: SqlRunner | EntityManager): SqlRunner {
  if (!('getConnection' in db)) return db;
  const knexClient = (db.getConnection().getKnex() as unknown as { client: KnexClient }).client;
  return {
    async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      const connection = await knexClient.acquireConnection();
      try {
        return await connection.query<R>(text, values);
      } finally {
        await knexClient.releaseConnection(connection);
      }
    },
  };
}
