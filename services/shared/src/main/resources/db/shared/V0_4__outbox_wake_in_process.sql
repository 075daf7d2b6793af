-- The relay is now woken in-process after each commit that wrote outbox rows (OutboxCommits). A NOTIFY raised by every
-- writing transaction made those commits queue for one database-wide lock held through their WAL flush.
DROP TRIGGER IF EXISTS outbox_event_committed ON outbox_event;
DROP FUNCTION IF EXISTS outbox_event_notify();
