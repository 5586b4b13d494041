-- Work-group load: one row per change of an incident's place in a work group's active queue
-- (NEW, ASSIGNED, IN_WORK, ON_HOLD) and in an assignee's hands: +1 when it enters, -1 when it
-- leaves; a reassignment is -1 for the old assignee (slot 0) and +1 for the new one (slot 1).
-- The load at any time is the sum of the deltas up to it.
CREATE TABLE IF NOT EXISTS work_group_load
(
    at DateTime('UTC'),
    work_group_code UInt32,
    assignee_id String,
    incident_id String,
    revision UInt64,
    slot UInt8,
    delta Int8,
    department String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (work_group_code, incident_id, revision, slot);
