-- Status changes: one row per transition of a request or incident (the events that carry
-- `transition: {from, to}`), with the time spent in the state it left. The sorting key is the
-- entity's stream and revision, so a re-inserted row collapses into the one already there.
CREATE TABLE IF NOT EXISTS status_changes
(
    entity String,
    entity_id String,
    revision UInt64,
    at DateTime('UTC'),
    by String,
    event_type String,
    from_status String,
    to_status String,
    seconds_in_previous UInt32,
    department String,
    work_group_code UInt32,
    service_code UInt32
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (entity, entity_id, revision);
