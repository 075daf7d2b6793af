-- The material reserves: catalogue, warehouses, stock by lot, the ledger every movement writes, allocations to
-- incidents, agreement reserves and donations. Quantities are whole units of the item's unit (piece, case, set).

CREATE TABLE item (
    code             text PRIMARY KEY,
    name             text    NOT NULL,
    name_zh          text    NOT NULL,
    category         text    NOT NULL,
    unit             text    NOT NULL,
    -- NULL: the item does not expire.
    shelf_life_days  integer CHECK (shelf_life_days > 0),
    low_stock_level  integer NOT NULL CHECK (low_stock_level >= 0)
);

CREATE TABLE warehouse (
    id           uuid PRIMARY KEY,
    code         text             NOT NULL UNIQUE,
    name         text             NOT NULL,
    name_zh      text             NOT NULL,
    level        text             NOT NULL CHECK (level IN ('CITY', 'TOWN', 'COMMUNITY')),
    area_code    text             NOT NULL,
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    operator     text             NOT NULL,
    -- Counts the stock announcements (reserve.stock-changed) made for it.
    stock_version bigint          NOT NULL DEFAULT 0
);

-- Warehouses whose stock changed since it was last announced. Movements only insert here (never update a shared row,
-- which would make every allocation from one warehouse wait for the previous one); the announcer drains it.
CREATE TABLE stock_change (
    warehouse_id uuid NOT NULL REFERENCES warehouse (id)
);

-- The free stock last announced per warehouse and item, so that falling below the low-stock level is told once.
CREATE TABLE stock_announced (
    warehouse_id uuid    NOT NULL REFERENCES warehouse (id),
    item_code    text    NOT NULL REFERENCES item (code),
    available    integer NOT NULL,
    PRIMARY KEY (warehouse_id, item_code)
);

-- A quantity of one item received into one warehouse at one time, with one expiry. on_hand is what is on the shelves
-- (the sum of the lot's ledger rows, which a reconciliation checks); reserved is promised to allocations not yet
-- dispatched. The checks are the last line against overselling: no code path can commit a lot below zero or promise
-- more than is there.
CREATE TABLE lot (
    id           uuid PRIMARY KEY,
    item_code    text        NOT NULL REFERENCES item (code),
    warehouse_id uuid        NOT NULL REFERENCES warehouse (id),
    source       text        NOT NULL CHECK (source IN ('PURCHASE', 'AGREEMENT', 'DONATION', 'TRANSFER')),
    received_at  timestamptz NOT NULL,
    expires_on   date,
    on_hand      integer     NOT NULL CHECK (on_hand >= 0),
    reserved     integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    donation_id  uuid,
    CONSTRAINT lot_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX lot_item_available ON lot (item_code, warehouse_id) WHERE on_hand > reserved;
CREATE INDEX lot_warehouse ON lot (warehouse_id, item_code);
CREATE INDEX lot_expiry ON lot (expires_on) WHERE on_hand > 0 AND expires_on IS NOT NULL;

CREATE TABLE ledger_entry (
    id            bigserial PRIMARY KEY,
    lot_id        uuid        NOT NULL REFERENCES lot (id),
    warehouse_id  uuid        NOT NULL REFERENCES warehouse (id),
    item_code     text        NOT NULL REFERENCES item (code),
    kind          text        NOT NULL CHECK (kind IN ('RECEIPT', 'ISSUE', 'ADJUSTMENT', 'WRITE_OFF', 'TRANSFER_OUT',
                                                       'TRANSFER_IN', 'ALLOCATION_DISPATCH', 'ALLOCATION_RETURN')),
    quantity      integer     NOT NULL CHECK (quantity <> 0),
    reason        text,
    allocation_id uuid,
    movement_id   uuid        NOT NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX ledger_entry_lot ON ledger_entry (lot_id);
CREATE INDEX ledger_entry_warehouse ON ledger_entry (warehouse_id, recorded_at);

CREATE TABLE allocation (
    id               uuid PRIMARY KEY,
    incident_id      uuid             NOT NULL,
    status           text             NOT NULL CHECK (status IN ('RESERVED', 'UNFILLED', 'DISPATCHED', 'DELIVERED',
                                                                 'RETURNED', 'CANCELLED')),
    delivery_latitude  double precision NOT NULL,
    delivery_longitude double precision NOT NULL,
    delivery_note    text,
    relief_due_at    timestamptz      NOT NULL,
    requested_by     text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    updated_at       timestamptz      NOT NULL,
    updated_by       text             NOT NULL,
    reason           text,
    version          bigint           NOT NULL DEFAULT 0
);
CREATE INDEX allocation_incident ON allocation (incident_id, created_at);

-- What was asked for, and how much of it could not be reserved.
CREATE TABLE allocation_line (
    id            uuid PRIMARY KEY,
    allocation_id uuid    NOT NULL REFERENCES allocation (id),
    item_code     text    NOT NULL REFERENCES item (code),
    requested     integer NOT NULL CHECK (requested > 0),
    reserved      integer NOT NULL CHECK (reserved >= 0),
    UNIQUE (allocation_id, item_code),
    CHECK (reserved <= requested)
);

-- Where each reserved quantity comes from: a lot, with the estimate of its arrival at the delivery point.
CREATE TABLE allocation_pick (
    id            uuid PRIMARY KEY,
    allocation_id uuid             NOT NULL REFERENCES allocation (id),
    item_code     text             NOT NULL REFERENCES item (code),
    lot_id        uuid             NOT NULL REFERENCES lot (id),
    warehouse_id  uuid             NOT NULL REFERENCES warehouse (id),
    quantity      integer          NOT NULL CHECK (quantity > 0),
    distance_km   double precision NOT NULL,
    arrives_at    timestamptz      NOT NULL
);
CREATE INDEX allocation_pick_allocation ON allocation_pick (allocation_id);

CREATE TABLE agreement (
    id                 uuid PRIMARY KEY,
    code               text             NOT NULL UNIQUE,
    company            text             NOT NULL,
    contact            text             NOT NULL,
    item_code          text             NOT NULL REFERENCES item (code),
    committed_quantity integer          NOT NULL CHECK (committed_quantity >= 0),
    called_off         integer          NOT NULL DEFAULT 0 CHECK (called_off >= 0),
    lead_time_hours    integer          NOT NULL CHECK (lead_time_hours >= 0),
    latitude           double precision NOT NULL,
    longitude          double precision NOT NULL,
    CONSTRAINT agreement_within_commitment CHECK (called_off <= committed_quantity)
);

CREATE TABLE call_off (
    id           uuid PRIMARY KEY,
    agreement_id uuid        NOT NULL REFERENCES agreement (id),
    incident_id  uuid        NOT NULL,
    quantity     integer     NOT NULL CHECK (quantity > 0),
    status       text        NOT NULL CHECK (status IN ('CALLED_OFF', 'DELIVERED', 'CANCELLED')),
    due_at       timestamptz NOT NULL,
    called_by    text        NOT NULL,
    called_at    timestamptz NOT NULL,
    delivered_at timestamptz,
    delivered_by text
);
CREATE INDEX call_off_incident ON call_off (incident_id);

-- Donations (捐赠): the donor's identity is kept for the bureau's records and never leaves the service except to the
-- keepers; the public summary shows totals only.
CREATE TABLE donation (
    id            uuid PRIMARY KEY,
    donor_kind    text        NOT NULL CHECK (donor_kind IN ('INDIVIDUAL', 'ORGANISATION')),
    donor_name    text        NOT NULL,
    donor_contact text,
    warehouse_id  uuid        NOT NULL REFERENCES warehouse (id),
    purpose       text        NOT NULL,
    incident_id   uuid,
    received_by   text        NOT NULL,
    received_at   timestamptz NOT NULL
);

CREATE TABLE donation_line (
    id          uuid PRIMARY KEY,
    donation_id uuid    NOT NULL REFERENCES donation (id),
    item_code   text    NOT NULL REFERENCES item (code),
    quantity    integer NOT NULL CHECK (quantity > 0),
    lot_id      uuid    NOT NULL REFERENCES lot (id),
    UNIQUE (donation_id, item_code)
);

-- Lots inside the rotation window already announced (reserve.expiry-approaching), so each is announced once.
CREATE TABLE expiry_notice (
    lot_id       uuid PRIMARY KEY REFERENCES lot (id),
    announced_at timestamptz NOT NULL
);
