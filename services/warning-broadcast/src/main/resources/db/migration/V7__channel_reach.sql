-- A warning reaches the public over more channels than the loudspeakers: cell broadcast, SMS, television, the web.
-- The platform reports each channel's reach per area (people reached, where the channel knows); the latest report of
-- each channel and area stands. A warning's public reach per area is the largest reach of any one channel.
CREATE TABLE channel_reach (
    warning_id     uuid        NOT NULL REFERENCES warning (id),
    channel        text        NOT NULL CHECK (channel IN ('CELL_BROADCAST', 'SMS', 'TV', 'WEB')),
    area_code      varchar(12) NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('PLAYED', 'FAILED')),
    people_reached integer CHECK (people_reached >= 0),
    reported_at    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (warning_id, channel, area_code)
);

-- Whether a terminal works is read from its latest report, whichever warning it was for.
CREATE INDEX broadcast_ack_terminal ON broadcast_ack (terminal_code, reported_at DESC);
