-- Inbound contacts: one row per message a customer sent on a channel (MessageReceived), at the
-- time the channel received it. first_message marks the message a request started with.
CREATE TABLE IF NOT EXISTS contacts
(
    at DateTime('UTC'),
    channel String,
    request_id String,
    revision UInt64,
    message_id String,
    department String,
    first_message UInt8
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (channel, at, request_id, revision);
