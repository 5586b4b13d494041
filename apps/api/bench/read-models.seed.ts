import type { Pool, PoolClient } from 'pg';
import { readModelProjectionNames } from '@switchboard/read-models';

export interface SeedSize {
  readonly requests: number;
  readonly clients: number;
}

export interface SeedCounts {
  readonly requests: number;
  readonly incidents: number;
  readonly clients: number;
  readonly messages: number;
  readonly statusChanges: number;
}

/** Demo realm users (deploy/keycloak/switchboard-realm.json): assignees and visibility of the seeded rows. */
export const demoUsers = {
  hdUserNorth: '5b0a0000-0000-4000-8000-000000000111',
  hdUserNorth2: '5b0a0000-0000-4000-8000-000000000112',
  hdUserSouth: '5b0a0000-0000-4000-8000-000000000121',
  l3UserNetwork: '5b0a0000-0000-4000-8000-000000000211',
  l3UserNetwork2: '5b0a0000-0000-4000-8000-000000000212',
  l3UserBilling: '5b0a0000-0000-4000-8000-000000000221',
} as const;

/** Tables the seed fills; their secondary indexes are dropped for the load and rebuilt from their own definitions. */
const SEEDED_TABLES = ['rm_requests', 'rm_incidents', 'rm_request_messages', 'rm_status_history', 'customers_clients'] as const;
const CHUNK = 250_000;

const lastNames = [
  'Petrov',
  'Ivanov',
  'Smirnov',
  'Kuznetsov',
  'Popov',
  'Vasiliev',
  'Sokolov',
  'Mikhailov',
  'Novikov',
  'Fedorov',
  'Morozov',
  'Volkov',
  'Alekseev',
  'Lebedev',
  'Semenov',
  'Egorov',
  'Pavlov',
  'Kozlov',
  'Stepanov',
  'Nikolaev',
];
const maleFirst = ['Ivan', 'Sergey', 'Alexey', 'Dmitry', 'Andrey', 'Mikhail', 'Oleg', 'Pavel', 'Nikolai', 'Yuri', 'Artem', 'Maxim', 'Roman', 'Igor', 'Denis'];
const femaleFirst = [
  'Anna',
  'Maria',
  'Elena',
  'Olga',
  'Natalia',
  'Irina',
  'Svetlana',
  'Tatiana',
  'Ekaterina',
  'Yulia',
  'Daria',
  'Ksenia',
  'Polina',
  'Marina',
  'Vera',
];
const patronymicRoots = ['Sergeev', 'Ivanov', 'Alexandrov', 'Dmitriev', 'Andreev', 'Mikhailov', 'Petrov', 'Nikolaev', 'Vladimirov', 'Yurievi'];
const organisations = ['Stroymontazh LLC', 'Northern Logistics JSC', 'Volga Bakery LLC', 'Ural Steelworks', 'City Dental Clinic', 'Pine Hotel LLC'];
const subjects = [
  'No internet since morning',
  'Slow connection in the evening',
  'Router keeps rebooting',
  'Wrong amount on the invoice',
  'Payment not credited',
  'Change of tariff',
  'IP telephony: no dial tone',
  'Static IP request',
  'Move service to a new address',
  'Wi-Fi drops every few minutes',
  'Double charge this month',
  'Cannot log in to the personal account',
  'TV channels missing',
  'Request for a technician visit',
  'Contract termination',
  'Line noise on calls',
];
const messages = [
  'Good morning, the internet in flat 12 has been down since 7am',
  'Speed is below 5 Mbit/s after 8pm every day',
  'The router lights are blinking red, restarted twice already',
  'Invoice for October shows 1890 instead of 890',
  'Paid yesterday by card, balance still negative',
  'Please switch me to the 500 Mbit/s tariff from next month',
  'Office phones have no dial tone since the update',
  'We need a static address for the CCTV server',
  'Moving to Lenina street 5 on the 14th, please transfer the contract',
  'Connection drops when the microwave is on',
  'I was charged twice for the same month',
  'Password reset link does not arrive',
  'Sports channels disappeared yesterday',
  'Can a technician come on Saturday morning?',
  'I would like to end the contract at the end of the month',
  'There is crackling on every call',
];

/** Every message of a seeded conversation but the last. */
const EARLIER_MESSAGE = 'Thank you, we are looking into it';

const sqlText = (values: readonly string[]): string => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

/** A uniform [0, 1) per row and key: deterministic, so every run loads the same data set. */
const u = (k: number, g = 'g'): string => `((hashint8(${g}::bigint * 64 + ${k}) & 2147483647)::float8 / 2147483648.0)`;
const pick = (array: string, n: number, k: number, g = 'g'): string => `(${array})[1 + floor(${u(k, g)} * ${n})::int]`;

/**
 * Bulk-loads the read model with set-based SQL: requests over the last year (newest open, older
 * mostly closed), 30 % of them escalated to an incident, their messages and status changes, and
 * clients whose names come from small lists, so name search matches as broadly as it does in life.
 */
export async function seedReadModels(pool: Pool, size: SeedSize, log: (message: string) => void): Promise<SeedCounts> {
  const db = await pool.connect();
  try {
    await db.query(`SET maintenance_work_mem = '512MB'`);
    await db.query('SET synchronous_commit = off');
    const indexes = await dropSecondaryIndexes(db);
    log(`dropped ${indexes.length} secondary indexes for the load`);

    let started = performance.now();
    await insertClients(db, size.clients);
    log(`${size.clients} clients in ${seconds(started)} s`);

    for (let from = 1; from <= size.requests; from += CHUNK) {
      started = performance.now();
      const to = Math.min(size.requests, from + CHUNK - 1);
      await insertRequests(db, from, to, size);
      log(`requests ${from}..${to} in ${seconds(started)} s`);
    }

    started = performance.now();
    const incidents = await insertIncidents(db);
    log(`${incidents} incidents in ${seconds(started)} s`);

    started = performance.now();
    const messageCount = await insertMessages(db);
    const statusChanges = await insertStatusHistory(db);
    log(`${messageCount} messages, ${statusChanges} status changes in ${seconds(started)} s`);

    for (const index of indexes) {
      started = performance.now();
      await db.query(index.definition);
      log(`index ${index.name} in ${seconds(started)} s`);
    }

    started = performance.now();
    for (const table of SEEDED_TABLES) await db.query(`VACUUM (ANALYZE) ${table}`);
    log(`vacuum analyze in ${seconds(started)} s`);
    return { requests: size.requests, incidents, clients: size.clients, messages: messageCount, statusChanges };
  } finally {
    db.release();
  }
}

/**
 * The rows were written behind the projections' back: their checkpoints stay at their versions
 * (a lower stored version would make the projector rebuild, i.e. empty, the tables) and are
 * moved to the head of the event store, so nothing looks behind or gets replayed.
 */
export async function settleCheckpoints(pool: Pool, counts: SeedCounts): Promise<{ projection: string; version: number; position: string | null }[]> {
  const { rows: store } = await pool.query<{ events: string | null }>(`SELECT to_regclass('eventstore.events')::text AS events`);
  const head = store[0].events
    ? (
        await pool.query<{ position: string }>(
          `SELECT transaction_id::text || ':' || global_position::text AS position FROM eventstore.events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
        )
      ).rows[0]?.position
    : undefined;
  const { rows } = await pool.query<{ projection: string; version: number; position: string | null }>(
    `UPDATE processor_checkpoints SET position = coalesce($1, position), events_processed = events_processed + $2, last_event_at = now(), updated_at = now()
      WHERE processor = ANY($3::text[])
      RETURNING processor AS projection, version, position`,
    [head ?? null, counts.requests + counts.incidents + counts.messages + counts.statusChanges, readModelProjectionNames],
  );
  return rows;
}

async function dropSecondaryIndexes(db: PoolClient): Promise<{ name: string; definition: string }[]> {
  // Constraint indexes (primary keys, unique phone) stay: the load must still respect them.
  const { rows } = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY ($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
      ORDER BY i.tablename, i.indexname`,
    [SEEDED_TABLES],
  );
  for (const index of rows) await db.query(`DROP INDEX "${index.name}"`);
  return rows;
}

async function insertClients(db: PoolClient, clients: number): Promise<void> {
  await db.query(
    `WITH s AS (
       SELECT n, ${u(1, 'n')} < 0.5 AS female, ${pick(sqlText(lastNames), lastNames.length, 2, 'n')} AS last_root,
              ${pick(sqlText(patronymicRoots), patronymicRoots.length, 3, 'n')} AS patronymic_root,
              ${pick(sqlText(maleFirst), maleFirst.length, 4, 'n')} AS male_first,
              ${pick(sqlText(femaleFirst), femaleFirst.length, 5, 'n')} AS female_first,
              ${u(6, 'n')} < 0.7 AS has_middle, ${u(7, 'n')} < 0.1 AS has_organisation,
              ${pick(sqlText(organisations), organisations.length, 8, 'n')} AS organisation
         FROM generate_series(1, $1::int) n
     ), named AS (
       SELECT n, has_organisation, organisation,
              CASE WHEN female THEN last_root || 'a' ELSE last_root END AS last_name,
              CASE WHEN female THEN female_first ELSE male_first END AS first_name,
              CASE WHEN NOT has_middle THEN NULL WHEN female THEN patronymic_root || 'na' ELSE patronymic_root || 'ich' END AS middle_name
         FROM s
     )
     INSERT INTO customers_clients (id, first_name, last_name, middle_name, phone, email, organisation, name_key, created_at, updated_at)
     SELECT md5('bench-client:' || n)::uuid, first_name, last_name, middle_name, '+7900' || lpad(n::text, 7, '0'),
            lower(first_name || '.' || last_name) || n || '@example.com', CASE WHEN has_organisation THEN organisation END,
            lower(concat_ws(' ', last_name, first_name, middle_name)),
            now() - make_interval(days => (n % 1000)), now() - make_interval(days => (n % 100))
       FROM named`,
    [clients],
  );
}

async function insertRequests(db: PoolClient, from: number, to: number, size: SeedSize): Promise<void> {
  await db.query(
    `WITH s AS (
       SELECT g, (g % 10) < 3 AS escalated, (${size.requests} - g)::float8 / ${size.requests} AS age,
              ${u(10)} AS u_open, ${u(11)} AS u_state, ${u(12)} AS u_department, ${u(13)} AS u_assignee, ${u(14)} AS u_channel,
              1 + floor(${u(15)} * ${size.clients})::int AS client_no, ${u(16)} < 0.85 AS has_client,
              ${pick(sqlText(subjects), subjects.length, 17)} AS subject, ${pick(sqlText(messages), messages.length, 18)} AS message,
              (ARRAY[1001, 1002, 2001, 2002])[1 + floor(${u(19)} * 4)::int] AS service_code, ${u(20)} AS u_l3,
              ${u(21)} AS u_updated, 1 + floor(${u(22)} * 3)::int AS message_count, ${u(23)} < 0.6 AS inbound
         FROM generate_series($1::int, $2::int) g
     ), o AS (
       SELECT s.*,
              now() - make_interval(secs => age * 365 * 86400 + u_open * 600) AS created_at,
              CASE WHEN age < 14.0 / 365 THEN u_open < 0.6 ELSE u_open < 0.02 END AS open,
              CASE WHEN u_department < 0.55 THEN 'first-line-north' ELSE 'first-line-south' END AS department,
              CASE WHEN u_channel < 0.35 THEN 'telegram' WHEN u_channel < 0.6 THEN 'phone' WHEN u_channel < 0.75 THEN 'sms'
                   WHEN u_channel < 0.85 THEN 'email' WHEN u_channel < 0.95 THEN 'esb' ELSE 'operator' END AS channel
         FROM s
     ), st AS (
       SELECT o.*,
              CASE WHEN escalated AND open THEN 'ESCALATED' WHEN escalated OR NOT open THEN 'CLOSED'
                   WHEN u_state < 0.4 THEN 'NEW' ELSE 'IN_PROGRESS' END AS state,
              CASE WHEN NOT escalated THEN NULL
                   WHEN NOT open THEN CASE WHEN u_state < 0.92 THEN 'CLOSED' ELSE 'CANCELLED' END
                   WHEN u_state < 0.1 THEN 'NEW' WHEN u_state < 0.35 THEN 'ASSIGNED' WHEN u_state < 0.75 THEN 'IN_WORK'
                   WHEN u_state < 0.85 THEN 'ON_HOLD' ELSE 'RESOLVED' END AS incident_state,
              CASE WHEN service_code < 2000 THEN 301 ELSE 302 END AS work_group_code,
              least(now(), created_at + u_updated * interval '3 days') AS updated_at
         FROM o
     )
     INSERT INTO rm_requests (id, last_revision, state, channel, contact_address, contact_name, subject, department, assignee_id,
                              client_id, service_code, incident_id, incident_state, incident_assignee_id, incident_work_group_code,
                              closed_reason, message_count, last_message_text, last_message_at, last_message_direction, message_texts,
                              created_by, created_at, updated_at, closed_at)
     SELECT md5('bench-request:' || g)::uuid, message_count + CASE state WHEN 'NEW' THEN 0 WHEN 'IN_PROGRESS' THEN 1 ELSE 3 END, state, channel,
            CASE channel WHEN 'telegram' THEN 'tg:' || (100000000 + client_no) WHEN 'email' THEN 'client' || client_no || '@example.com'
                         WHEN 'esb' THEN 'crm:' || client_no WHEN 'operator' THEN 'hd.user.north' ELSE '+7900' || lpad(client_no::text, 7, '0') END,
            CASE WHEN channel = 'telegram' THEN '@client' || client_no END,
            subject, department,
            CASE WHEN state = 'NEW' THEN NULL WHEN department = 'first-line-south' THEN '${demoUsers.hdUserSouth}'
                 WHEN u_assignee < 0.5 THEN '${demoUsers.hdUserNorth}' ELSE '${demoUsers.hdUserNorth2}' END,
            CASE WHEN has_client OR channel = 'operator' THEN md5('bench-client:' || client_no)::uuid END,
            CASE WHEN escalated THEN service_code END,
            CASE WHEN escalated THEN md5('bench-incident:' || g)::uuid END,
            incident_state,
            CASE WHEN incident_state IS NULL OR incident_state = 'NEW' THEN NULL WHEN work_group_code = 302 THEN '${demoUsers.l3UserBilling}'
                 WHEN u_l3 < 0.5 THEN '${demoUsers.l3UserNetwork}' ELSE '${demoUsers.l3UserNetwork2}' END,
            CASE WHEN escalated THEN work_group_code END,
            CASE WHEN state = 'CLOSED' THEN CASE WHEN escalated THEN 'incident ' || lower(incident_state) ELSE 'Resolved on the first line' END END,
            message_count, message, updated_at - interval '5 minutes', CASE WHEN inbound THEN 'inbound' ELSE 'outbound' END,
            -- The conversation's texts as the projection joins them (insertMessages writes the same messages).
            repeat('${EARLIER_MESSAGE} ', message_count - 1) || message,
            CASE WHEN channel = 'operator' THEN '${demoUsers.hdUserNorth}' ELSE 'channel:' || channel END,
            created_at, updated_at, CASE WHEN state = 'CLOSED' THEN updated_at END
       FROM st`,
    [from, to],
  );
}

async function insertIncidents(db: PoolClient): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO rm_incidents (id, last_revision, request_id, state, service_code, work_group_code, assignee_id, request_department,
                               request_assignee_id, hold_reason, resolution, cancel_reason, narrative_count, last_narrative_text,
                               last_narrative_at, created_by, created_at, updated_at, closed_at)
     SELECT r.incident_id, CASE WHEN r.incident_state = 'NEW' THEN 0 ELSE 3 END, r.id, r.incident_state, r.service_code, r.incident_work_group_code, r.incident_assignee_id,
            r.department, r.assignee_id,
            CASE WHEN r.incident_state = 'ON_HOLD' THEN 'Waiting for the client to be at home' END,
            CASE WHEN r.incident_state IN ('RESOLVED', 'CLOSED') THEN 'Port on the access switch replaced; service restored' END,
            CASE WHEN r.incident_state = 'CANCELLED' THEN 'Duplicate of another incident' END,
            CASE WHEN r.incident_state = 'NEW' THEN 0 ELSE 2 END,
            CASE WHEN r.incident_state <> 'NEW' THEN 'Checked the line from the exchange, signal level is fine up to the building' END,
            CASE WHEN r.incident_state <> 'NEW' THEN r.updated_at END,
            'system:escalation', r.created_at + interval '10 minutes', r.updated_at,
            CASE WHEN r.incident_state IN ('CLOSED', 'CANCELLED') THEN r.updated_at END
       FROM rm_requests r WHERE r.incident_id IS NOT NULL`,
  );
  return rowCount ?? 0;
}

async function insertMessages(db: PoolClient): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO rm_request_messages (request_id, revision, kind, message_id, channel, text, author, at, delivery)
     SELECT r.id, m, CASE WHEN m % 2 = 0 THEN 'inbound' ELSE 'reply' END, 'bench:' || m, r.channel,
            CASE WHEN m = r.message_count - 1 THEN r.last_message_text ELSE '${EARLIER_MESSAGE}' END,
            CASE WHEN m % 2 = 0 THEN r.contact_address ELSE coalesce(r.assignee_id, 'system:intake') END,
            r.created_at + m * interval '1 minute', CASE WHEN m % 2 = 1 THEN 'delivered' END
       FROM rm_requests r, generate_series(0, r.message_count - 1) m`,
  );
  return rowCount ?? 0;
}

async function insertStatusHistory(db: PoolClient): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO rm_status_history (entity_type, entity_id, revision, event_type, from_state, to_state, changed_by, changed_at)
     SELECT 'request', r.id, 0, 'RequestRegistered', NULL, 'NEW', r.created_by, r.created_at FROM rm_requests r
     UNION ALL
     SELECT 'request', r.id, r.last_revision, CASE r.state WHEN 'CLOSED' THEN 'RequestClosed' WHEN 'ESCALATED' THEN 'RequestEscalated' ELSE 'RequestAssigned' END,
            'NEW', r.state, coalesce(r.assignee_id, 'system:intake'), r.updated_at
       FROM rm_requests r WHERE r.state <> 'NEW'`,
  );
  return rowCount ?? 0;
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);
