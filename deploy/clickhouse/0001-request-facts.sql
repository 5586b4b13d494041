-- Request facts: one row per service request. Every event on the request writes the whole row
-- again; ReplacingMergeTree keeps the row with the highest stream revision, so a batch inserted
-- twice (a crash between insert and checkpoint) changes nothing. Queries read it with FINAL.
-- registered_at never changes for a request, so all its versions share a partition.
CREATE TABLE IF NOT EXISTS request_facts
(
    request_id String,
    revision UInt64,
    status String,
    channel String,
    department String,
    subject String,
    client_id String,
    assignee_id String,
    registered_at DateTime('UTC'),
    registered_by String,
    status_since DateTime('UTC'),
    updated_at DateTime('UTC'),
    first_response_at Nullable(DateTime('UTC')),
    first_response_seconds Nullable(UInt32),
    escalated_at Nullable(DateTime('UTC')),
    incident_id String,
    service_code UInt32,
    closed_at Nullable(DateTime('UTC')),
    resolution_seconds Nullable(UInt32),
    close_reason String,
    messages_in UInt32,
    replies_out UInt32
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(registered_at)
ORDER BY request_id;
