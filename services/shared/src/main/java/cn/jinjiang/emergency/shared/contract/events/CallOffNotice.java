package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An agreement reserve called off for an incident (reserve.called-off) and, later, delivered
 * (reserve.call-off-delivered). Schemas: /schemas/events/reserve.called-off.schema.json and
 * reserve.call-off-delivered.schema.json
 */
public record CallOffNotice(
        UUID incidentId,
        UUID callOffId,
        UUID agreementId,
        String agreementCode,
        String company,
        String itemCode,
        int quantity,
        Status status,
        OffsetDateTime dueAt,
        String by,
        OffsetDateTime at) {

    public enum Status { CALLED_OFF, DELIVERED }
}
