-- Wakes the outbox relay of every instance of the service the moment a transaction that wrote outbox rows commits:
-- PostgreSQL delivers a notification only on commit, once per transaction and channel however many rows it wrote.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_committed AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- The retention purge looks for the oldest published rows.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
