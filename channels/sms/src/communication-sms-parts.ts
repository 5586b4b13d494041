import { Migration } from '@mikro-orm/migrations';
import type { Pool } from 'pg';

/** One submit_sm of a communication the SMSC accepted. */
export interface CommunicationSmsPart {
  readonly communicationId: string;
  /** 1-based. */
  readonly part: number;
  readonly parts: number;
  /** The SMSC's message_id from submit_sm_resp; delivery receipts name it. */
  readonly messageId: string;
}

export const communicationSmsPartsSchema = [
  `CREATE TABLE IF NOT EXISTS communication_sms_parts (
    communication_id uuid NOT NULL,
    part integer NOT NULL,
    parts integer NOT NULL,
    message_id text NOT NULL UNIQUE,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    outcome text,
    outcome_reason text,
    PRIMARY KEY (communication_id, part)
  )`,
];

/** The parts of communications sent by SMS (apart from smpp_submitted, whose rows belong to requests). */
export class CommunicationSmsPartsMigration20261207005001 extends Migration {
  override async up(): Promise<void> {
    for (const statement of communicationSmsPartsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS communication_sms_parts');
  }
}

/** Which parts of a communication the SMSC already accepted, so a retried send submits only the rest. */
export interface CommunicationSmsParts {
  partsOf(communicationId: string): Promise<CommunicationSmsPart[]>;
  record(part: CommunicationSmsPart): Promise<void>;
}

/** What a part's receipt means for its communication: failed as soon as a part failed, delivered once every part was. */
export interface CommunicationReceiptEffect {
  readonly communicationId: string;
  readonly outcome: 'delivered' | 'failed' | undefined;
  readonly reason?: string;
}

export class PostgresCommunicationSmsParts implements CommunicationSmsParts {
  constructor(private readonly pool: Pool) {}

  async partsOf(communicationId: string): Promise<CommunicationSmsPart[]> {
    const { rows } = await this.pool.query<{ communication_id: string; part: number; parts: number; message_id: string }>(
      'SELECT communication_id, part, parts, message_id FROM communication_sms_parts WHERE communication_id = $1 ORDER BY part',
      [communicationId],
    );
    return rows.map((r) => ({ communicationId: r.communication_id, part: r.part, parts: r.parts, messageId: r.message_id }));
  }

  /** Records a part's final receipt (the first wins); undefined when the message id is no communication's part. */
  async recordReceipt(messageId: string, outcome: 'delivered' | 'failed', reason: string | undefined): Promise<CommunicationReceiptEffect | undefined> {
    await this.pool.query('UPDATE communication_sms_parts SET outcome = $2, outcome_reason = $3 WHERE message_id = $1 AND outcome IS NULL', [
      messageId,
      outcome,
      reason ?? null,
    ]);
    const { rows } = await this.pool.query<{
      communication_id: string;
      message_id: string;
      parts: number;
      part: number;
      outcome: string | null;
      outcome_reason: string | null;
    }>(
      `SELECT s.communication_id, s.message_id, s.parts, s.part, s.outcome, s.outcome_reason
         FROM communication_sms_parts s JOIN communication_sms_parts r ON r.communication_id = s.communication_id
        WHERE r.message_id = $1`,
      [messageId],
    );
    const own = rows.find((r) => r.message_id === messageId);
    if (!own) return undefined;
    const failed = rows.find((r) => r.outcome === 'failed');
    if (failed) return { communicationId: own.communication_id, outcome: 'failed', reason: failed.outcome_reason ?? undefined };
    const delivered = new Set(rows.filter((r) => r.outcome === 'delivered').map((r) => r.part));
    return { communicationId: own.communication_id, outcome: delivered.size === own.parts ? 'delivered' : undefined };
  }

  async record(part: CommunicationSmsPart): Promise<void> {
    await this.pool.query('INSERT INTO communication_sms_parts (communication_id, part, parts, message_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      part.communicationId,
      part.part,
      part.parts,
      part.messageId,
    ]);
  }
}
