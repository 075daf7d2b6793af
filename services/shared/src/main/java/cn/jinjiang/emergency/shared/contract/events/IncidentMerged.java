package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A commander merged a duplicate incident into another: its reports now belong to that one, and it takes no more
 * reports. Schema: /schemas/events/incident.merged.schema.json
 */
public record IncidentMerged(
        UUID incidentId,
        UUID mergedInto,
        String reason,
        int movedReports,
        String mergedBy,
        OffsetDateTime mergedAt) {
}
