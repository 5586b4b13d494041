import { Migration } from '@mikro-orm/migrations';

/**
 * Problems (ADR 0022): the thresholds managers set per service, and the problem-detection process
 * manager's ledger (incidents seen and problems of each service, at the position that told it).
 */
export class ProblemsMigration20261207003000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS problem_thresholds (
        service_code integer PRIMARY KEY,
        incidents integer NOT NULL CHECK (incidents >= 1),
        window_minutes integer NOT NULL CHECK (window_minutes >= 1),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS problem_detection_incidents (
        incident_id uuid PRIMARY KEY,
        service_code integer NOT NULL,
        opened_at timestamptz NOT NULL,
        position_major numeric(20) NOT NULL,
        position_minor numeric(20) NOT NULL
      )`);
    this.addSql(
      'CREATE INDEX IF NOT EXISTS problem_detection_incidents_by_service ON problem_detection_incidents (service_code, position_major, position_minor)',
    );
    this.addSql(`
      CREATE TABLE IF NOT EXISTS problem_detection_problems (
        problem_id uuid PRIMARY KEY,
        service_code integer NOT NULL,
        opened_major numeric(20) NOT NULL,
        opened_minor numeric(20) NOT NULL,
        closed_major numeric(20),
        closed_minor numeric(20)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS problem_detection_problems_by_service ON problem_detection_problems (service_code)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS problem_detection_problems');
    this.addSql('DROP TABLE IF EXISTS problem_detection_incidents');
    this.addSql('DROP TABLE IF EXISTS problem_thresholds');
  }
}
