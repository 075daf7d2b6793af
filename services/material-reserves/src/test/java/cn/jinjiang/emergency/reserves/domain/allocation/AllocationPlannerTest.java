package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Need;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Stocked;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationPlannerTest {

    private static final String JINJIANG = "350582";

    private static final GeoPoint POINT = new GeoPoint(24.70, 118.50);
    private static final GeoPoint NEAR = new GeoPoint(24.71, 118.50);
    private static final GeoPoint FAR = new GeoPoint(24.80, 118.60);
    private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void nearestWarehouseFirstThenFirstExpiryFirstOutThenSplit() {
        Stocked nearNoExpiry = lot("WATER-550", "NEAR", NEAR, null, 10);
        Stocked nearLate = lot("WATER-550", "NEAR", NEAR, LocalDate.of(2027, 6, 1), 10);
        Stocked nearSoon = lot("WATER-550", "NEAR", NEAR, LocalDate.of(2027, 1, 1), 10);
        Stocked far = lot("WATER-550", "FAR", FAR, LocalDate.of(2026, 12, 31), 100);

        AllocationPlanner.Line line = AllocationPlanner.plan(List.of(new Need("WATER-550", 35)),
                List.of(far, nearNoExpiry, nearLate, nearSoon), POINT, JINJIANG).get(0);

        assertEquals(List.of(nearSoon.lotId(), nearLate.lotId(), nearNoExpiry.lotId(), far.lotId()),
                line.takes().stream().map(take -> take.lot().lotId()).toList());
        assertEquals(List.of(10, 10, 10, 5), line.takes().stream().map(AllocationPlanner.Take::quantity).toList());
        assertEquals(0, line.uncovered());
    }

    @Test
    void whatTheStockCannotCoverIsLeftUncovered() {
        AllocationPlanner.Line line = AllocationPlanner.plan(List.of(new Need("PUMP-SUB", 8)),
                List.of(lot("PUMP-SUB", "NEAR", NEAR, null, 3), lot("PUMP-SUB", "FAR", FAR, null, 2),
                        lot("SANDBAG", "NEAR", NEAR, null, 500)), POINT, JINJIANG).get(0);

        assertEquals(5, line.reserved());
        assertEquals(3, line.uncovered());
    }

    @Test
    void anItemNobodyHoldsIsWhollyUncovered() {
        AllocationPlanner.Line line = AllocationPlanner.plan(List.of(new Need("ASSAULT-BOAT", 2)),
                List.of(lot("PUMP-SUB", "NEAR", NEAR, null, 3)), POINT, JINJIANG).get(0);

        assertEquals(List.of(), line.takes());
        assertEquals(2, line.uncovered());
    }

    @Test
    void anIncidentIsServedFromItsOwnBureausWarehousesOnly() {
        // Licheng's warehouse is the nearer; the incident is Jinjiang's, whose stock is further but its own.
        Stocked licheng = lot("QUILT", "LICHENG", NEAR, null, 100, "350502");
        Stocked jinjiang = lot("QUILT", "JINJIANG", FAR, null, 30);
        AllocationPlanner.Line line = AllocationPlanner.plan(List.of(new Need("QUILT", 50)),
                List.of(licheng, jinjiang), POINT, JINJIANG).get(0);

        assertEquals(List.of(jinjiang.lotId()), line.takes().stream().map(take -> take.lot().lotId()).toList());
        assertEquals(20, line.uncovered(), "the rest is for mutual aid, not taken from the other county");
        // Without a jurisdiction (an incident whose area is not a code) any warehouse serves.
        assertEquals(0, AllocationPlanner.plan(List.of(new Need("QUILT", 50)), List.of(licheng, jinjiang), POINT,
                null).get(0).uncovered());
    }

    private static Stocked lot(String item, String warehouse, GeoPoint at, LocalDate expires, int free) {
        return lot(item, warehouse, at, expires, free, JINJIANG);
    }

    private static Stocked lot(String item, String warehouse, GeoPoint at, LocalDate expires, int free,
                               String jurisdiction) {
        return new Stocked(UUID.randomUUID(), item, UUID.nameUUIDFromBytes(warehouse.getBytes()), warehouse, at,
                expires, RECEIVED, free, jurisdiction);
    }
}
