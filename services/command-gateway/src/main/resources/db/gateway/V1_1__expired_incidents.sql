-- Closed incidents taken off the picture past emergency.gateway.closed-retention. An incident's id stays here, so
-- that an event of it read later (a unit released after the incident expired, or the same records read again by a
-- rebuild from the topics) does not put a stub of it back on the picture. The rebuild keeps this table.
CREATE TABLE picture_expired (
    incident_id UUID PRIMARY KEY,
    closed_at   TIMESTAMPTZ NOT NULL,
    expired_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The picture's position at the last expiry that removed anything (one row). A removal has no record of its own on
-- the topics, so it is not in the change log: a screen resuming from a position at or before this mark may have
-- missed a removal and gets a snapshot instead of a replay.
CREATE TABLE picture_expiry (
    id       INT PRIMARY KEY CHECK (id = 1),
    position TEXT NOT NULL
);
