package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Materials allocated to an incident, at one step of their way: reserved (reserve.allocated), dispatched, delivered,
 * or released (cancelled before dispatch, or returned after). {@code jurisdiction} is the incident's bureau, whose
 * allocation it is (its picks may be lent by another). Schemas: /schemas/events/reserve.allocated.schema.json
 * and the other reserve.* allocation events.
 */
public record AllocationNotice(
        UUID incidentId,
        String jurisdiction,
        UUID allocationId,
        Status status,
        GeoPoint deliveryPoint,
        OffsetDateTime reliefDueAt,
        List<Line> lines,
        List<Pick> picks,
        String reason,
        String by,
        OffsetDateTime at) {

    public enum Status { RESERVED, UNFILLED, DISPATCHED, DELIVERED, RETURNED, CANCELLED }

    /** An item asked for and how much of it is reserved. */
    public record Line(String itemCode, int requested, int reserved) {
    }

    /**
     * Where a reserved quantity comes from and when it is estimated to reach the delivery point.
     *
     * @param jurisdiction the warehouse's bureau: another than the incident's when the stock is lent by mutual aid
     */
    public record Pick(String itemCode, UUID warehouseId, String warehouseCode, String jurisdiction, UUID lotId,
                       int quantity, double distanceKm, OffsetDateTime arrivesAt, boolean withinReliefTarget) {
    }
}
