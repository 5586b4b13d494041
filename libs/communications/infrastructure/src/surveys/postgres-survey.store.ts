import type { Pool, PoolClient } from 'pg';
import { PolicyNotFoundError, StalePolicyError } from '@switchboard/communications';
import type {
  FreeTextAnswer,
  PolicyChange,
  QuestionCounts,
  StoredQuestionnaire,
  SurveyCounts,
  SurveyDepartmentSetting,
  SurveyResultsFilter,
  SmsSurvey,
  SurveyStore,
} from '@switchboard/communications';
import { csatQuestionnaire } from '@switchboard/communications/domain';
import type { Question, Questionnaire, QuestionnaireDraft, ReferenceStatus, SurveyLanguage } from '@switchboard/communications/domain';

interface QuestionnaireRow {
  id: string;
  name: string;
  title: Questionnaire['title'];
  questions: Question[];
  status: ReferenceStatus;
  version: number;
  updated_by: string;
  updated_at: Date;
}

interface SettingRow {
  department: string;
  csat_enabled: boolean;
  questionnaire_id: string;
  version: number;
  updated_by: string;
  updated_at: Date;
}

const toQuestionnaire = (r: QuestionnaireRow): StoredQuestionnaire => ({
  id: r.id,
  name: r.name,
  title: r.title,
  questions: r.questions,
  status: r.status,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

const toSetting = (r: SettingRow): SurveyDepartmentSetting => ({
  department: r.department,
  csatEnabled: r.csat_enabled,
  questionnaireId: r.questionnaire_id,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

/** How long an SMS survey waits for a reply: a digit after that is a message for the operators. */
export const SMS_SURVEY_REPLY_WINDOW = '7 days';

/**
 * Questionnaires, departments' CSAT settings and the survey results in PostgreSQL. Questionnaire
 * edits and settings are versioned rows (If-Match) logged in `communication_policy_changes` in the
 * same transaction, as the other communications reference data (ADR 0023).
 */
export class PostgresSurveyStore implements SurveyStore {
  constructor(private readonly pool: Pool) {}

  async questionnaires(): Promise<StoredQuestionnaire[]> {
    const { rows } = await this.pool.query<QuestionnaireRow>('SELECT * FROM survey_questionnaires ORDER BY name, id');
    return rows.map(toQuestionnaire);
  }

  async questionnaire(id: string): Promise<StoredQuestionnaire | undefined> {
    const { rows } = await this.pool.query<QuestionnaireRow>('SELECT * FROM survey_questionnaires WHERE id = $1', [id]);
    return rows[0] && toQuestionnaire(rows[0]);
  }

  async questionnaireVersion(id: string, version: number): Promise<Questionnaire | undefined> {
    const { rows } = await this.pool.query<Omit<QuestionnaireRow, 'status' | 'updated_by' | 'updated_at'>>(
      'SELECT id, version, name, title, questions FROM survey_questionnaire_versions WHERE id = $1 AND version = $2',
      [id, version],
    );
    const r = rows[0];
    return r && { id: r.id, version: r.version, name: r.name, title: r.title, questions: r.questions, status: 'active' };
  }

  createQuestionnaire(id: string, draft: QuestionnaireDraft, change: PolicyChange): Promise<StoredQuestionnaire | undefined> {
    return this.inTransaction(async (tx) => {
      const { rows } = await tx.query<QuestionnaireRow>(
        `INSERT INTO survey_questionnaires (id, name, title, questions, status, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, 'active', 1, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING *`,
        [id, draft.name, JSON.stringify(draft.title), JSON.stringify(draft.questions), change.by, change.at],
      );
      if (!rows[0]) return undefined;
      const stored = toQuestionnaire(rows[0]);
      await this.saveVersion(tx, stored, change);
      await log(tx, 'questionnaire', id, 'create', 1, stored, change);
      return stored;
    });
  }

  updateQuestionnaire(id: string, draft: QuestionnaireDraft, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire> {
    return this.inTransaction(async (tx) => {
      await this.lockQuestionnaire(tx, id, expected);
      const { rows } = await tx.query<QuestionnaireRow>(
        `UPDATE survey_questionnaires SET name = $2, title = $3, questions = $4, version = version + 1, updated_by = $5, updated_at = $6
          WHERE id = $1 RETURNING *`,
        [id, draft.name, JSON.stringify(draft.title), JSON.stringify(draft.questions), change.by, change.at],
      );
      const stored = toQuestionnaire(rows[0]);
      await this.saveVersion(tx, stored, change);
      await log(tx, 'questionnaire', id, 'update', stored.version, stored, change);
      return stored;
    });
  }

  setQuestionnaireStatus(id: string, status: ReferenceStatus, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire> {
    return this.inTransaction(async (tx) => {
      const current = await this.lockQuestionnaire(tx, id, expected);
      if (current.status === status) return toQuestionnaire(current);
      // A status is not content: the version moves (If-Match) but surveys keep pointing at the content's version row.
      const { rows } = await tx.query<QuestionnaireRow>(
        'UPDATE survey_questionnaires SET status = $2, version = version + 1, updated_by = $3, updated_at = $4 WHERE id = $1 RETURNING *',
        [id, status, change.by, change.at],
      );
      const stored = toQuestionnaire(rows[0]);
      await this.saveVersion(tx, stored, change);
      await log(tx, 'questionnaire', id, status === 'active' ? 'activate' : 'block', stored.version, { status }, change);
      return stored;
    });
  }

  async settings(): Promise<SurveyDepartmentSetting[]> {
    const { rows } = await this.pool.query<SettingRow>('SELECT * FROM survey_department_settings ORDER BY department');
    return rows.map(toSetting);
  }

  async setting(department: string): Promise<SurveyDepartmentSetting> {
    const { rows } = await this.pool.query<SettingRow>('SELECT * FROM survey_department_settings WHERE department = $1', [department]);
    return rows[0] ? toSetting(rows[0]) : { department, csatEnabled: false, questionnaireId: csatQuestionnaire.id, version: 0 };
  }

  setSetting(
    department: string,
    setting: { csatEnabled: boolean; questionnaireId: string },
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<SurveyDepartmentSetting> {
    return this.inTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`survey-setting:${department}`]);
      const { rows: current } = await tx.query<{ version: number }>('SELECT version FROM survey_department_settings WHERE department = $1', [department]);
      const actual = current[0]?.version ?? 0;
      if (expected !== undefined && expected !== actual) throw new StalePolicyError(`survey setting of ${department}`, actual);
      const { rows } = await tx.query<SettingRow>(
        `INSERT INTO survey_department_settings (department, csat_enabled, questionnaire_id, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (department) DO UPDATE SET csat_enabled = excluded.csat_enabled, questionnaire_id = excluded.questionnaire_id,
           version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at
         RETURNING *`,
        [department, setting.csatEnabled, setting.questionnaireId, actual + 1, change.by, change.at],
      );
      const stored = toSetting(rows[0]);
      await log(tx, 'survey-setting', department, 'set', stored.version, setting, change);
      return stored;
    });
  }

  async counts(questionnaireId: string, filter: SurveyResultsFilter): Promise<SurveyCounts> {
    const { where, params } = responseFilter(questionnaireId, filter);
    const totals = await this.pool.query<{ sent: string; answered: string; completed: string }>(
      `SELECT count(*) AS sent, count(r.answered_at) AS answered, count(r.completed_at) AS completed FROM rm_survey_responses r WHERE ${where}`,
      params,
    );
    const { rows } = await this.pool.query<{ question_id: string; value: string; count: string }>(
      `SELECT a.question_id, v.value, count(*) AS count
         FROM rm_survey_responses r
         JOIN rm_survey_answers a ON a.communication_id = r.communication_id
         CROSS JOIN LATERAL (
           SELECT a.score::text AS value WHERE a.score IS NOT NULL
           UNION ALL SELECT unnest(a.option_ids)
           UNION ALL SELECT '' WHERE a.free_text IS NOT NULL
         ) v
        WHERE ${where}
        GROUP BY a.question_id, v.value`,
      params,
    );
    const answered = await this.pool.query<{ question_id: string; answered: string }>(
      `SELECT a.question_id, count(*) AS answered FROM rm_survey_responses r JOIN rm_survey_answers a ON a.communication_id = r.communication_id
        WHERE ${where} GROUP BY a.question_id`,
      params,
    );
    const questions = new Map<string, QuestionCounts & { counts: Record<string, number> }>();
    for (const row of answered.rows) questions.set(row.question_id, { questionId: row.question_id, answered: Number(row.answered), counts: {} });
    for (const row of rows) {
      const question = questions.get(row.question_id);
      if (question && row.value !== '') question.counts[row.value] = Number(row.count);
    }
    const t = totals.rows[0];
    return { sent: Number(t.sent), answered: Number(t.answered), completed: Number(t.completed), questions: [...questions.values()] };
  }

  async surveysOfRequest(requestId: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ communication_id: string }>(
      `SELECT communication_id FROM rm_survey_responses WHERE request_id = $1 ORDER BY sent_at DESC LIMIT ${Math.trunc(limit)}`,
      [requestId],
    );
    return rows.map((r) => r.communication_id);
  }

  async freeText(
    questionnaireId: string,
    filter: SurveyResultsFilter & { questionId?: string },
    page: { limit: number; offset: number },
  ): Promise<FreeTextAnswer[]> {
    const { where, params } = responseFilter(questionnaireId, filter);
    const question = filter.questionId ? ` AND a.question_id = $${params.length + 1}` : '';
    const { rows } = await this.pool.query<{
      communication_id: string;
      question_id: string;
      free_text: string;
      department: string;
      request_id: string | null;
      answered_at: Date;
    }>(
      `SELECT a.communication_id, a.question_id, a.free_text, r.department, r.request_id, a.answered_at
         FROM rm_survey_responses r JOIN rm_survey_answers a ON a.communication_id = r.communication_id
        WHERE ${where} AND a.free_text IS NOT NULL${question}
        ORDER BY a.answered_at DESC, a.communication_id, a.question_id
        LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
      filter.questionId ? [...params, filter.questionId] : params,
    );
    return rows.map((r) => ({
      communicationId: r.communication_id,
      questionId: r.question_id,
      text: r.free_text,
      department: r.department,
      ...(r.request_id ? { requestId: r.request_id } : {}),
      answeredAt: r.answered_at.toISOString(),
    }));
  }

  async latestSmsSurvey(phone: string): Promise<SmsSurvey | undefined> {
    const digits = phone.replace(/^\+/, '');
    const { rows } = await this.pool.query<{ communication_id: string }>(
      `SELECT r.communication_id::text AS communication_id
         FROM rm_communications c JOIN rm_survey_responses r ON r.communication_id = c.id
        WHERE c.channel = 'sms' AND c.address IN ($1, $2) AND c.origin_kind = 'survey'
          AND c.requested_at > now() - interval '${SMS_SURVEY_REPLY_WINDOW}'
        ORDER BY c.requested_at DESC LIMIT 1`,
      [digits, `+${digits}`],
    );
    return rows[0] && { communicationId: rows[0].communication_id };
  }

  async requestSubject(requestId: string): Promise<{ clientId?: string; department?: string; serviceCode?: number } | undefined> {
    const { rows } = await this.pool.query<{ client_id: string | null; department: string | null; service_code: number | null }>(
      'SELECT client_id::text AS client_id, department, service_code FROM rm_requests WHERE id::text = $1',
      [requestId],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      ...(r.client_id ? { clientId: r.client_id } : {}),
      ...(r.department ? { department: r.department } : {}),
      ...(r.service_code !== null ? { serviceCode: r.service_code } : {}),
    };
  }

  async serviceOfRequest(requestId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ service_code: number | null }>('SELECT service_code FROM rm_requests WHERE id::text = $1', [requestId]);
    return rows[0]?.service_code ?? undefined;
  }

  async languageOf(clientId: string): Promise<SurveyLanguage> {
    const { rows } = await this.pool.query<{ language: SurveyLanguage }>('SELECT language FROM communication_availability WHERE client_id = $1', [clientId]);
    return rows[0]?.language ?? 'ru';
  }

  private async lockQuestionnaire(tx: PoolClient, id: string, expected: number | undefined): Promise<QuestionnaireRow> {
    const { rows } = await tx.query<QuestionnaireRow>('SELECT * FROM survey_questionnaires WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0]) throw new PolicyNotFoundError(`questionnaire ${id}`);
    if (expected !== undefined && expected !== rows[0].version) throw new StalePolicyError(`questionnaire ${id}`, rows[0].version);
    return rows[0];
  }

  private async saveVersion(tx: PoolClient, q: StoredQuestionnaire, change: PolicyChange): Promise<void> {
    await tx.query(
      `INSERT INTO survey_questionnaire_versions (id, version, name, title, questions, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id, version) DO NOTHING`,
      [q.id, q.version, q.name, JSON.stringify(q.title), JSON.stringify(q.questions), change.by, change.at],
    );
  }

  private async inTransaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await tx.query('ROLLBACK');
      throw error;
    } finally {
      tx.release();
    }
  }
}

function responseFilter(questionnaireId: string, filter: SurveyResultsFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [questionnaireId];
  const clauses = ['r.questionnaire_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(params.length));
  };
  if (filter.department) add((n) => `r.department = $${n}`, filter.department);
  if (filter.departments) add((n) => `r.department = ANY($${n}::text[])`, filter.departments);
  if (filter.serviceCode !== undefined) add((n) => `r.service_code = $${n}`, filter.serviceCode);
  if (filter.from) add((n) => `r.sent_at >= $${n}`, filter.from);
  if (filter.to) add((n) => `r.sent_at < $${n}`, filter.to);
  return { where: clauses.join(' AND '), params };
}

async function log(tx: PoolClient, entity: string, key: string, change: string, version: number, value: unknown, by: PolicyChange): Promise<void> {
  await tx.query(
    `INSERT INTO communication_policy_changes (entity, key, change, version, value, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entity, key, change, version, JSON.stringify(value), by.reason ?? null, by.by, by.at],
  );
}
