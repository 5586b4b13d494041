import { Migration } from '@mikro-orm/migrations';
import { csatQuestionnaire } from '@switchboard/communications/domain';

const sqlText = (value: unknown): string => `'${(typeof value === 'string' ? value : JSON.stringify(value)).replace(/'/g, "''")}'`;

/**
 * Surveys (ADR 0027): questionnaires as versioned reference data (the current row plus every
 * version, which a survey keeps), each department's automatic CSAT setting, and the results read
 * model (one row per survey communication, one per answered question).
 */
export const surveysSchema = [
  `CREATE TABLE IF NOT EXISTS survey_questionnaires (
    id text PRIMARY KEY,
    name text NOT NULL,
    title jsonb NOT NULL,
    questions jsonb NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
    version integer NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS survey_questionnaire_versions (
    id text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    title jsonb NOT NULL,
    questions jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id, version)
  )`,
  `CREATE TABLE IF NOT EXISTS survey_department_settings (
    department text PRIMARY KEY,
    csat_enabled boolean NOT NULL,
    questionnaire_id text NOT NULL,
    version integer NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS rm_survey_responses (
    communication_id uuid PRIMARY KEY,
    questionnaire_id text NOT NULL,
    questionnaire_version integer NOT NULL,
    client_id text NOT NULL,
    department text NOT NULL,
    language text NOT NULL,
    request_id text,
    service_code integer,
    sent_at timestamptz NOT NULL,
    answered_at timestamptz,
    completed_at timestamptz,
    completed_channel text,
    last_revision bigint NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS rm_survey_responses_questionnaire ON rm_survey_responses (questionnaire_id, sent_at)`,
  `CREATE INDEX IF NOT EXISTS rm_survey_responses_request ON rm_survey_responses (request_id) WHERE request_id IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS rm_survey_answers (
    communication_id uuid NOT NULL,
    question_id text NOT NULL,
    kind text NOT NULL,
    score integer,
    option_ids text[],
    free_text text,
    channel text NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (communication_id, question_id)
  )`,
  `INSERT INTO survey_questionnaires (id, name, title, questions, status, version, updated_by, updated_at)
   VALUES (${sqlText(csatQuestionnaire.id)}, ${sqlText(csatQuestionnaire.name)}, ${sqlText(csatQuestionnaire.title)}::jsonb,
           ${sqlText(csatQuestionnaire.questions)}::jsonb, 'active', 1, 'system:migration', now())
   ON CONFLICT (id) DO NOTHING`,
  `INSERT INTO survey_questionnaire_versions (id, version, name, title, questions, created_by, created_at)
   SELECT id, version, name, title, questions, updated_by, updated_at FROM survey_questionnaires WHERE id = '${csatQuestionnaire.id}'
   ON CONFLICT (id, version) DO NOTHING`,
];

export class SurveysMigration20261208100000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of surveysSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const table of ['rm_survey_answers', 'rm_survey_responses', 'survey_department_settings', 'survey_questionnaire_versions', 'survey_questionnaires']) {
      this.addSql(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
