-- The closed list of incident types with their category, and the grading rules per category. Both are reference data
-- the bureau replaces by editing db/reference/incident-types.csv and grading-rules.csv (see R__Reference_grading).
CREATE TABLE incident_type (
    code     TEXT    PRIMARY KEY,
    category TEXT    NOT NULL CHECK (category IN ('NATURAL_DISASTER', 'ACCIDENT', 'PUBLIC_HEALTH', 'SOCIAL_SECURITY')),
    name     TEXT    NOT NULL,
    name_zh  TEXT    NOT NULL,
    position INTEGER NOT NULL
);

-- One row per criterion of a category: the value from which an incident is grade I, II or III (IV below all three).
-- The worst grade over a category's criteria wins.
CREATE TABLE grading_rule (
    category       TEXT           NOT NULL,
    criterion      TEXT           NOT NULL CHECK (criterion IN ('DEATHS', 'SERIOUS_INJURIES', 'DIRECT_LOSS_CNY',
                                                                 'DEATHS_AND_MISSING', 'PEOPLE_EVACUATED',
                                                                 'HOUSES_COLLAPSED')),
    grade_i_from   NUMERIC(16, 2) NOT NULL,
    grade_ii_from  NUMERIC(16, 2) NOT NULL,
    grade_iii_from NUMERIC(16, 2) NOT NULL,
    source         TEXT           NOT NULL,
    PRIMARY KEY (category, criterion),
    CHECK (grade_i_from >= grade_ii_from AND grade_ii_from >= grade_iii_from AND grade_iii_from > 0)
);
