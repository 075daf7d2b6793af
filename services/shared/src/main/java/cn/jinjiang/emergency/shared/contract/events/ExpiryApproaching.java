package cn.jinjiang.emergency.shared.contract.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A lot will expire inside the rotation window (轮换): it should go out first or be rotated. Announced once per lot.
 * Schema: /schemas/events/reserve.expiry-approaching.schema.json
 */
public record ExpiryApproaching(
        UUID lotId,
        UUID warehouseId,
        String warehouseCode,
        String itemCode,
        int onHand,
        LocalDate expiresOn,
        long daysLeft,
        OffsetDateTime at) {
}
