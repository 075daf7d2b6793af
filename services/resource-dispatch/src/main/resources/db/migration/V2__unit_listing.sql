-- The registry's last change to a unit's standing data, and the last one announced as unit.listed: a unit with
-- announced_version < listed_version is still to be announced. A fresh database (and one upgraded to this version)
-- starts every unit unannounced, so every unit is announced once; the announcement pass takes rows FOR UPDATE SKIP
-- LOCKED and moves announced_version in the transaction that writes the outbox, so neither a restart nor a second
-- instance announces a unit twice.
ALTER TABLE unit
    ADD COLUMN listed_version bigint NOT NULL DEFAULT 1,
    ADD COLUMN announced_version bigint NOT NULL DEFAULT 0;

CREATE INDEX unit_unannounced ON unit (call_sign) WHERE announced_version < listed_version;
