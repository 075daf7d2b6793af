package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A warehouse's free stock of an item fell below the item's low-stock level. Schema: /schemas/events/reserve.stock-low.schema.json */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record StockLow(
        UUID warehouseId,
        String warehouseCode,
        String areaCode,
        String itemCode,
        // A total over the warehouse's lots: 64-bit like the levels it comes from.
        long available,
        int lowStockLevel,
        OffsetDateTime at) {

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
