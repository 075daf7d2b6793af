package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Part of an allocation cannot be covered from the reserves, or cannot reach the delivery point within the relief
 * target (basic relief within 10 hours of the disaster); the agreement reserves that could make it good are named.
 * Schema: /schemas/events/reserve.allocation-shortfall.schema.json
 */
public record AllocationShortfall(
        UUID incidentId,
        String jurisdiction,
        UUID allocationId,
        OffsetDateTime reliefDueAt,
        List<Line> lines,
        String by,
        OffsetDateTime at) {

    /** @param uncovered not reserved at all; @param late reserved but estimated to arrive after the relief target */
    public record Line(String itemCode, int requested, int uncovered, int late, List<AgreementOption> agreements) {
    }

    /** An agreement reserve holding the item, with what is left of its commitment and its lead time. */
    public record AgreementOption(UUID agreementId, String code, String company, int available, int leadTimeHours,
                                  OffsetDateTime arrivesAt, boolean withinReliefTarget) {
    }
}
