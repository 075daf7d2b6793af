package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A request for another bureau's stock (regional mutual aid) as it stands after a step; the same steps as for units
 * ({@link MutualAidNotice}). Only an accepted request lets the lender's warehouses supply the incident's allocations,
 * up to the quantities asked for. Schemas: /schemas/events/reserve.mutual-aid-*.schema.json
 *
 * @param status the request's status after this step (an overdue request is still REQUESTED)
 * @param by     who took the step ("system" for overdue)
 * @param note   the reason given with a decline or a withdrawal, else null
 */
public record StockAidNotice(
        UUID requestId,
        UUID incidentId,
        String requestingJurisdiction,
        String lendingJurisdiction,
        List<Line> items,
        String reason,
        OffsetDateTime answerBy,
        MutualAidNotice.Status status,
        String by,
        OffsetDateTime at,
        String note) {

    /** How much of an item is asked for (and, once accepted, may be allocated from the lender's warehouses). */
    public record Line(String itemCode, int quantity) {
    }
}
