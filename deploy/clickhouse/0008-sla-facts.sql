-- Live SLA (ADR 0021): the clock each request and incident carries, from its SLA events
-- (…SlaClockSet, …SlaWarning, …SlaBreached) — the policy, each target's due time and where its clock
-- stands (running, paused, met, missed), and whether a warning or a breach was recorded. These
-- replace the hand-inserted sla_targets in the dashboards. Rows written before this file have
-- the defaults until a rebuild refills them from the events.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: one column per statement, and applySchema
-- takes "already exists" from an ADD COLUMN as done (a crash between a statement and the file's record).
ALTER TABLE request_facts ADD COLUMN sla_policy String DEFAULT '';
ALTER TABLE request_facts ADD COLUMN sla_first_response_due_at Nullable(DateTime('UTC'));
ALTER TABLE request_facts ADD COLUMN sla_first_response_status String DEFAULT '';
ALTER TABLE request_facts ADD COLUMN sla_resolution_due_at Nullable(DateTime('UTC'));
ALTER TABLE request_facts ADD COLUMN sla_resolution_status String DEFAULT '';
ALTER TABLE request_facts ADD COLUMN sla_warned UInt8 DEFAULT 0;
ALTER TABLE request_facts ADD COLUMN sla_first_response_breached UInt8 DEFAULT 0;
ALTER TABLE request_facts ADD COLUMN sla_resolution_breached UInt8 DEFAULT 0;

ALTER TABLE incident_facts ADD COLUMN sla_policy String DEFAULT '';
ALTER TABLE incident_facts ADD COLUMN sla_first_response_due_at Nullable(DateTime('UTC'));
ALTER TABLE incident_facts ADD COLUMN sla_first_response_status String DEFAULT '';
ALTER TABLE incident_facts ADD COLUMN sla_resolution_due_at Nullable(DateTime('UTC'));
ALTER TABLE incident_facts ADD COLUMN sla_resolution_status String DEFAULT '';
ALTER TABLE incident_facts ADD COLUMN sla_warned UInt8 DEFAULT 0;
ALTER TABLE incident_facts ADD COLUMN sla_first_response_breached UInt8 DEFAULT 0;
ALTER TABLE incident_facts ADD COLUMN sla_resolution_breached UInt8 DEFAULT 0;
