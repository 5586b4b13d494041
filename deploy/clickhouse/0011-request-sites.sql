-- Where a request is (ADR 0028): the estate unit and building it was registered for and the
-- building's site (its slug, as RequestRegistered carries it), for SLA per site and per category
-- (the sites-sla dashboard). '' for a request registered for no place, and for rows written before
-- this file until a rebuild. One column per statement (see 0008-sla-facts.sql).
ALTER TABLE request_facts ADD COLUMN site_slug String DEFAULT '';
ALTER TABLE request_facts ADD COLUMN building_id String DEFAULT '';
ALTER TABLE request_facts ADD COLUMN unit_id String DEFAULT '';
