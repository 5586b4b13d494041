-- Incident facts: one row per incident, latest stream revision wins (see 0001). The department is
-- the one of the incident's request when the incident was opened, for the team board's filter.
CREATE TABLE IF NOT EXISTS incident_facts
(
    incident_id String,
    revision UInt64,
    request_id String,
    status String,
    service_code UInt32,
    work_group_code UInt32,
    department String,
    assignee_id String,
    opened_at DateTime('UTC'),
    opened_by String,
    status_since DateTime('UTC'),
    updated_at DateTime('UTC'),
    assigned_at Nullable(DateTime('UTC')),
    started_at Nullable(DateTime('UTC')),
    first_response_seconds Nullable(UInt32),
    resolved_at Nullable(DateTime('UTC')),
    resolution_seconds Nullable(UInt32),
    closed_at Nullable(DateTime('UTC')),
    cancelled_at Nullable(DateTime('UTC')),
    cancel_reason String,
    hold_count UInt16,
    reopen_count UInt16
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY incident_id;
