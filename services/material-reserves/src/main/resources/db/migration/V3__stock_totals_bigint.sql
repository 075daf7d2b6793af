-- Totals over a warehouse's lots can pass 2^31 (a lot is at most one receipt line, 1 000 000 units, but a warehouse
-- holds any number of lots): the free stock last announced per warehouse and item is such a total. Per-lot and
-- per-line quantities stay integer, bounded by the requests that create them.
ALTER TABLE stock_announced ALTER COLUMN available TYPE bigint;
