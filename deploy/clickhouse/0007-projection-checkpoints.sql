-- Where each ClickHouse projection has got to in the event store: written after the rows of a
-- batch are in, so a crash re-inserts at most that batch. The highest version is current.
CREATE TABLE IF NOT EXISTS projection_checkpoints
(
    projection String,
    position String,
    events UInt64,
    updated_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY projection;
