-- Answers to requests that carried an Idempotency-Key, stored in the transaction of the change they made, so a client's
-- retry (a phone on a poor network, or offline for a day) gets the first answer instead of making a second change.
CREATE TABLE idempotency_key (
    caller          TEXT        NOT NULL,   -- keys are the caller's own: two callers may use the same one
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,   -- SHA-256 of the request as read; the same key with another body is refused
    status          INTEGER     NOT NULL,
    location        TEXT,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
