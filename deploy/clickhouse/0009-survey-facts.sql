-- Surveys (ADR 0027), from the survey responses' events: one row per survey sent (SurveyOpened,
-- with its department, service, questionnaire and the request it is about), and one row per
-- answered question (SurveyAnswerRecorded: the latest answer wins; `score` for ratings 1-5 and NPS
-- 0-10, `options` for choices, `has_text` for free text — the text itself stays in PostgreSQL).
-- Dashboards join answers to what was sent by communication_id (one JOIN per SELECT).
CREATE TABLE IF NOT EXISTS survey_sent
(
    communication_id String,
    questionnaire_id String,
    questionnaire_version UInt32,
    department String,
    service_code UInt32,
    request_id String,
    client_id String,
    language String,
    sent_at DateTime('UTC'),
    revision UInt64
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(sent_at)
ORDER BY communication_id;

CREATE TABLE IF NOT EXISTS survey_answers
(
    communication_id String,
    question_id String,
    kind String,
    score Int16,
    options Array(String),
    has_text UInt8,
    channel String,
    answered_at DateTime('UTC'),
    revision UInt64
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(answered_at)
ORDER BY (communication_id, question_id);
