-- Position reports (PUT /api/units/{id}/position) are published coalesced as unit.position-changed: position_version
-- counts the reports, position_announced_version is the last one published and position_announced_at when. A report
-- is published at once when the unit's last publication is older than the coalescing interval; otherwise the row stays
-- behind and a periodic pass publishes its latest position once the interval is over, so at most one event per unit
-- per interval goes out and the last position always does.
ALTER TABLE unit
    ADD COLUMN position_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN position_announced_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN position_announced_at timestamptz;

CREATE INDEX unit_position_unannounced ON unit (position_announced_at)
    WHERE position_announced_version < position_version;
