-- Every version of every warning and who made it what, when: drafted, changed, approved (issued), changes proposed to
-- an issued warning and their approval or rejection, cancellation and expiry. Also where four-eyes approval learns who
-- wrote a draft or a proposed change: they may not be the one who approves it.
CREATE TABLE warning_version (
    id             uuid PRIMARY KEY,
    warning_id     uuid NOT NULL REFERENCES warning (id),
    -- 1, 2, … per warning, in the order the versions were made (counted by warning.version_count under its lock).
    version        integer NOT NULL CHECK (version > 0),
    action         text NOT NULL CHECK (action IN ('RECORDED', 'DRAFTED', 'CHANGED', 'APPROVED', 'UPDATED',
                                                   'CHANGE_PROPOSED', 'CHANGE_APPROVED', 'CHANGE_REJECTED',
                                                   'CANCELLED', 'EXPIRED')),
    actor          text NOT NULL,
    happened_at    timestamptz NOT NULL,
    -- The warning's content in this version (for CHANGE_PROPOSED: the content proposed, not yet in force).
    hazard         text NOT NULL,
    level          text NOT NULL,
    mode           text NOT NULL,
    headline       text NOT NULL,
    description    text,
    instruction    text NOT NULL,
    area_codes     text NOT NULL,
    effective_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    -- The CAP message the version was issued as, if it was.
    cap_identifier text,
    -- Why: a cancellation's or rejection's reason.
    note           text,
    UNIQUE (warning_id, version)
);

-- A change to an issued warning that waits for a second person: the versions from change_from to change_version are
-- its proposals (change_version the one that would be issued); both are null when nothing waits.
ALTER TABLE warning ADD COLUMN version_count integer NOT NULL DEFAULT 0;
ALTER TABLE warning ADD COLUMN change_from integer;
ALTER TABLE warning ADD COLUMN change_version integer;
ALTER TABLE warning ADD CONSTRAINT warning_pending_change
    CHECK ((change_from IS NULL) = (change_version IS NULL) AND (change_from IS NULL OR status = 'ACTIVE'));

-- Warnings from before this history have only their current version to show: earlier ones were not kept.
INSERT INTO warning_version (id, warning_id, version, action, actor, happened_at, hazard, level, mode, headline,
                             description, instruction, area_codes, effective_at, expires_at, note)
SELECT gen_random_uuid(), id, 1, 'RECORDED', 'system', updated_at, hazard, level, mode, headline, description,
       instruction, area_codes, effective_at, expires_at, 'history begins here; earlier versions were not kept'
FROM warning;
UPDATE warning SET version_count = 1;
