package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A transfer ended: a commander closed it, or its warning was cancelled or expired ({@code by} "system"). The totals
 * are where it stood. Shelters stay open: people go home from them as they are reported leaving.
 * Schema: /schemas/events/transfer.closed.schema.json
 */
public record TransferClosed(
        UUID transferId,
        UUID warningId,
        UUID incidentId,
        String jurisdiction,
        int planned,
        int moved,
        int remaining,
        int refused,
        String reason,
        String by,
        OffsetDateTime at) {
}
