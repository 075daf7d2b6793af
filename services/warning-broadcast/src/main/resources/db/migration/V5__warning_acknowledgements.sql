-- 叫应: the duty officers of the areas a warning reaches say they have it. Each area acknowledges a warning once; the
-- towns (streets) it reaches must, within a time set by its level, or the command centre is told, once per town.
CREATE TABLE warning_acknowledgement (
    warning_id      uuid        NOT NULL REFERENCES warning (id),
    area_code       varchar(12) NOT NULL,
    acknowledged_by text        NOT NULL,
    acknowledged_at timestamptz NOT NULL,
    PRIMARY KEY (warning_id, area_code)
);

CREATE TABLE warning_acknowledgement_overdue (
    warning_id  uuid        NOT NULL REFERENCES warning (id),
    area_code   varchar(12) NOT NULL,
    detected_at timestamptz NOT NULL,
    PRIMARY KEY (warning_id, area_code)
);
