-- An expired incident's items (the incident and its allocations), as they left the picture and as the events read
-- since then left them: kept here rather than in memory, so that an event that changes the incident again brings it
-- back whole. Emptied with the picture by the rebuild, which reads the expired incidents' events in here again.
CREATE TABLE picture_archive (
    item_key    TEXT PRIMARY KEY,
    incident_id UUID NOT NULL,
    kind        TEXT NOT NULL,
    item        TEXT NOT NULL
);

CREATE INDEX picture_archive_incident ON picture_archive (incident_id);
