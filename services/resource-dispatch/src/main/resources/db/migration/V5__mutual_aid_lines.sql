-- Mutual aid's requests are kept the same way for units and for stock (shared MutualAidRecord): what is asked for is
-- "KEY:count" pairs, here unit types.
ALTER TABLE mutual_aid_request RENAME COLUMN units TO lines;
