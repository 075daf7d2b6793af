package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A commander re-opened a closed incident. Schema: /schemas/events/incident.reopened.schema.json */
public record IncidentReopened(UUID incidentId, String reason, String reopenedBy, OffsetDateTime reopenedAt) {
}
