package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A warehouse's stock, whole, after it changed: what is on the shelves, promised and free per item. Keyed by the
 * warehouse; {@code stockVersion} only grows, so a reader keeps the highest. Schema:
 * /schemas/events/reserve.stock-changed.schema.json
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
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

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
