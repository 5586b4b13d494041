-- Reference data the dashboards join: names of services and work groups (from the catalogue),
-- operators (user id -> Keycloak username, for ${__user.login}), and SLA targets. Not derived
-- from events: a rebuild copies these tables over instead of recomputing them.
CREATE TABLE IF NOT EXISTS services
(
    service_code UInt32,
    service_name String,
    work_group_code UInt32,
    work_group_name String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY service_code;

CREATE TABLE IF NOT EXISTS operators
(
    user_id String,
    username String,
    display_name String,
    departments Array(String),
    work_groups Array(String),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY user_id;

-- One target per service; service_code 0 is the default for every service without its own.
-- Change a target by inserting a row with a higher version, e.g.
--   INSERT INTO sla_targets VALUES (1001, 1800, 14400, toUInt64(now()))
CREATE TABLE IF NOT EXISTS sla_targets
(
    service_code UInt32,
    first_response_seconds UInt32,
    resolution_seconds UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY service_code;

-- Version 0 loses to any target set later; applied once (schema_migrations).
INSERT INTO sla_targets (service_code, first_response_seconds, resolution_seconds, version) VALUES (0, 3600, 28800, 0);
