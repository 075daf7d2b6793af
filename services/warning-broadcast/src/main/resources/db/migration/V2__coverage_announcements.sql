-- When the warning's coverage was last announced (warning.coverage-changed), and when it was checked against the
-- coverage deadline (warning.coverage-shortfall is announced at most once per warning).
ALTER TABLE warning ADD COLUMN coverage_published_at timestamptz;
ALTER TABLE warning ADD COLUMN coverage_checked_at timestamptz;
CREATE INDEX broadcast_ack_received ON broadcast_ack (warning_id, received_at);
