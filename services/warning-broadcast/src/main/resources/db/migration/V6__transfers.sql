-- 转移: people moved out of areas a warning covers, ordered by a commander, counted area by area by the duty officers
-- until everyone is out ("预警到街道、预案到社区、责任到个人"). The counts of an area are its latest report (so far, not
-- increments); every report is kept.
CREATE TABLE transfer (
    id           uuid        PRIMARY KEY,
    warning_id   uuid        NOT NULL REFERENCES warning (id),
    incident_id  uuid,
    jurisdiction varchar(6)  NOT NULL,
    reason       text        NOT NULL,
    deadline     timestamptz NOT NULL,
    status       text        NOT NULL,
    ordered_by   text        NOT NULL,
    ordered_at   timestamptz NOT NULL,
    closed_by    text,
    closed_at    timestamptz,
    close_reason text,
    version      bigint      NOT NULL DEFAULT 0
);
CREATE INDEX transfer_warning ON transfer (warning_id);
CREATE INDEX transfer_open_deadline ON transfer (deadline) WHERE status = 'OPEN';

CREATE TABLE transfer_area (
    id               uuid        PRIMARY KEY,
    transfer_id      uuid        NOT NULL REFERENCES transfer (id),
    area_code        varchar(12) NOT NULL,
    town_code        varchar(12) NOT NULL,
    ordered          integer     NOT NULL CHECK (ordered > 0),
    planned          integer     NOT NULL CHECK (planned >= 0),
    vulnerable       integer     NOT NULL CHECK (vulnerable >= 0),
    responsible      text        NOT NULL,
    moved            integer     NOT NULL DEFAULT 0 CHECK (moved >= 0),
    remaining        integer     NOT NULL CHECK (remaining >= 0),
    refused          integer     NOT NULL DEFAULT 0 CHECK (refused >= 0),
    vulnerable_moved integer     NOT NULL DEFAULT 0 CHECK (vulnerable_moved >= 0),
    shelters         text,
    recount_reason   text,
    reported_by      text,
    reported_at      timestamptz,
    overdue_at       timestamptz,
    UNIQUE (transfer_id, area_code)
);

CREATE TABLE transfer_report (
    id               uuid        PRIMARY KEY,
    transfer_id      uuid        NOT NULL REFERENCES transfer (id),
    area_code        varchar(12) NOT NULL,
    moved            integer     NOT NULL,
    remaining        integer     NOT NULL,
    refused          integer     NOT NULL,
    vulnerable_moved integer     NOT NULL,
    shelters         text,
    reason           text,
    reported_by      text        NOT NULL,
    reported_at      timestamptz NOT NULL
);
CREATE INDEX transfer_report_transfer ON transfer_report (transfer_id, reported_at);
