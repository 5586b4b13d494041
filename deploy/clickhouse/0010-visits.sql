-- Visits at the security desk (ADR 0029): one row per entry on a pass, written at the check-in and
-- again at the check-out; ReplacingMergeTree keeps the version with the highest stream revision, so
-- a batch inserted twice changes nothing. checked_out_at is NULL while the visitor is inside;
-- overstayed is 1 when they left after the pass's window. Queries read it with FINAL.
CREATE TABLE IF NOT EXISTS pass_visits
(
    site_slug String,
    pass_id String,
    visit UInt32,
    revision UInt64,
    checked_in_at DateTime('UTC'),
    checked_in_by String,
    checked_out_at Nullable(DateTime('UTC')),
    checked_out_by String,
    overstayed UInt8
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(checked_in_at)
ORDER BY (site_slug, pass_id, visit);
