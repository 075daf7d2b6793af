-- Contingency plans (应急预案) as reference data: per bureau, incident type and response level, who leads and what
-- must be done by whom within how long once the plan is activated. Versioned: a plan's new version is a new row, and
-- an activation keeps the version it started with. Loaded from db/reference/contingency-plans*.csv.
CREATE TABLE contingency_plan (
    code          text        NOT NULL,
    version       integer     NOT NULL CHECK (version >= 1),
    jurisdiction  varchar(6)  NOT NULL,
    incident_type text        NOT NULL REFERENCES incident_type (code),
    level         text        NOT NULL CHECK (level IN ('I', 'II', 'III', 'IV')),
    leading_body  text        NOT NULL,
    name_zh       text        NOT NULL,
    illustrative  boolean     NOT NULL,
    PRIMARY KEY (code, version)
);
CREATE INDEX contingency_plan_match ON contingency_plan (jurisdiction, incident_type, level);

CREATE TABLE contingency_plan_task (
    plan_code      text    NOT NULL,
    version        integer NOT NULL,
    task           text    NOT NULL,
    what_zh        text    NOT NULL,
    responsible    text    NOT NULL,
    within_minutes integer NOT NULL CHECK (within_minutes > 0),
    fulfilled_by   text,
    position       integer NOT NULL,
    illustrative   boolean NOT NULL,
    PRIMARY KEY (plan_code, version, task),
    FOREIGN KEY (plan_code, version) REFERENCES contingency_plan (code, version)
);
