import { Migration } from '@mikro-orm/migrations';
import { defaultCommunicationChannels, defaultCommunicationTypes } from '@switchboard/communications/domain';

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * The communications' reference data and policies (state-stored, versioned, every change logged),
 * the booking wake-ups, and the communications read model for the list API.
 */
export class CommunicationsPoliciesMigration20261207004000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_types (
        code text PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'blocked')),
        marketing boolean NOT NULL,
        held_in_quiet_hours boolean NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_channels (
        code text PRIMARY KEY CHECK (code IN ('sms', 'messenger', 'email', 'push')),
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'blocked')),
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_preferences (
        department text NOT NULL,
        communication_type text NOT NULL,
        channels text[] NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department, communication_type)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_rate_limits (
        id uuid PRIMARY KEY,
        department text NOT NULL,
        limit_count integer NOT NULL CHECK (limit_count > 0),
        unit text NOT NULL CHECK (unit IN ('second', 'minute', 'hour', 'day')),
        units integer NOT NULL CHECK (units > 0),
        types text[],
        over_limit text NOT NULL CHECK (over_limit IN ('book', 'refuse')),
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS communication_rate_limits_department ON communication_rate_limits (department)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_availability (
        client_id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('active', 'blocked')),
        blocked_periods jsonb NOT NULL DEFAULT '[]',
        quiet_start text,
        quiet_end text,
        time_zone text,
        language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
        opted_out text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every change of reference data, policies and availability: who, when, what it became.
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_policy_changes (
        seq bigserial PRIMARY KEY,
        entity text NOT NULL,
        key text NOT NULL,
        change text NOT NULL,
        version integer NOT NULL,
        value jsonb,
        reason text,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS communication_policy_changes_key ON communication_policy_changes (entity, key, seq)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_wakeups (
        communication_id uuid PRIMARY KEY,
        due_at timestamptz NOT NULL,
        claimed_until timestamptz
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS communication_wakeups_due ON communication_wakeups (due_at)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS rm_communications (
        id uuid PRIMARY KEY,
        department text NOT NULL,
        client_id text NOT NULL,
        communication_type text NOT NULL,
        channel text,
        address text,
        status text NOT NULL,
        text text NOT NULL,
        origin_kind text,
        origin_id text,
        booked_until timestamptz,
        reason text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_revision bigint NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS rm_communications_list ON rm_communications (requested_at DESC, id)');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_communications_client ON rm_communications (client_id, requested_at DESC)');
    for (const t of defaultCommunicationTypes) {
      this.addSql(
        `INSERT INTO communication_types (code, name, status, marketing, held_in_quiet_hours, updated_by)
         VALUES (${quote(t.code)}, ${quote(t.name)}, ${quote(t.status)}, ${t.marketing}, ${t.heldInQuietHours}, 'system:defaults') ON CONFLICT (code) DO NOTHING`,
      );
    }
    for (const c of defaultCommunicationChannels) {
      this.addSql(
        `INSERT INTO communication_channels (code, name, status, updated_by)
         VALUES (${quote(c.code)}, ${quote(c.name)}, ${quote(c.status)}, 'system:defaults') ON CONFLICT (code) DO NOTHING`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of [
      'rm_communications',
      'communication_wakeups',
      'communication_policy_changes',
      'communication_availability',
      'communication_rate_limits',
      'communication_preferences',
      'communication_channels',
      'communication_types',
    ]) {
      this.addSql(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
