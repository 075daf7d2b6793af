package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A warehouse's free stock of an item fell below the item's low-stock level. Schema: /schemas/events/reserve.stock-low.schema.json */
public record StockLow(
        UUID warehouseId,
        String warehouseCode,
        String areaCode,
        String itemCode,
        // A total over the warehouse's lots: 64-bit like the levels it comes from.
        long available,
        int lowStockLevel,
        OffsetDateTime at) {
}
