-- Follow-up and final reports (incident.updated, incident.closed), re-openings and merges reach the projections too.
ALTER TABLE incident ADD COLUMN status TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED', 'MERGED'));
