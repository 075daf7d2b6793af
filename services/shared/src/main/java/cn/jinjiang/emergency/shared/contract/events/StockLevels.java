package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A warehouse's stock, whole, after it changed: what is on the shelves, promised and free per item. Keyed by the
 * warehouse; {@code stockVersion} only grows, so a reader keeps the highest. Schema:
 * /schemas/events/reserve.stock-changed.schema.json
 */
public record StockLevels(
        UUID warehouseId,
        String warehouseCode,
        String name,
        Level level,
        String areaCode,
        GeoPoint position,
        long stockVersion,
        List<Item> items,
        OffsetDateTime at) {

    public enum Level { CITY, TOWN, COMMUNITY }

    /**
     * Expired stock is on hand but never free. Totals over a warehouse's lots, so 64-bit: a warehouse can hold more
     * units of an item than an int counts.
     */
    public record Item(String itemCode, long onHand, long reserved, long available) {
    }
}
