-- (JSON kept as text: nothing here queries inside it.)
-- The live picture: every item as it stands (an incident with what is linked to it, a unit, a warning, a warehouse,
-- a shelter), serialised whole; the change log screens resume from; and, per topic partition, the next offset the
-- picture has not taken in. The three are written in one transaction per event, so the picture, its log and its
-- position always agree, and an empty database means a picture rebuilt from the start of the topics.
CREATE TABLE picture_item (
    item_key TEXT PRIMARY KEY,
    kind     TEXT  NOT NULL,
    item     TEXT NOT NULL
);

CREATE TABLE picture_change (
    seq           BIGINT PRIMARY KEY,
    partition_key TEXT        NOT NULL,
    source_offset BIGINT      NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    change        TEXT        NOT NULL
);

CREATE INDEX picture_change_source ON picture_change (partition_key, source_offset);
CREATE INDEX picture_change_applied ON picture_change (applied_at);

-- log_from: the first offset whose change is still in picture_change (older ones were purged); a screen whose
-- position is older than that gets a fresh snapshot instead of its missed changes.
CREATE TABLE picture_partition (
    partition_key TEXT PRIMARY KEY,
    next_offset   BIGINT NOT NULL,
    log_from      BIGINT NOT NULL DEFAULT 0
);
