-- Reliability tables every service owns in its own database.

-- Transactional outbox: written in the same transaction as the state change it describes, published by the relay.
CREATE TABLE outbox_event (
    position     BIGSERIAL PRIMARY KEY,           -- publication order
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,            -- the incident id
    event_type   TEXT        NOT NULL,
    payload      TEXT        NOT NULL,            -- the whole CloudEvents envelope as JSON
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    attempts     INTEGER     NOT NULL DEFAULT 0,
    last_error   TEXT
);
-- The relay only ever looks for what is still to be published.
CREATE INDEX outbox_event_pending ON outbox_event (position) WHERE published_at IS NULL;

-- Consumer message log: an event id is recorded in the same transaction as its effect, so redelivery is a no-op.
CREATE TABLE processed_event (
    event_id     UUID        PRIMARY KEY,
    event_type   TEXT        NOT NULL,
    source       TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL
);
