package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Grade;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The grade that stands changed, and why. Schema: /schemas/events/incident.regraded.schema.json */
public record IncidentRegraded(
        UUID incidentId,
        Grade previousGrade,
        Grade grade,
        Grade assessedGrade,
        Cause cause,
        String reason,
        UUID reportId,
        String changedBy,
        OffsetDateTime changedAt) {

    public enum Cause { REPORT, RESPONSE_LEVEL_SET, RESPONSE_LEVEL_CLEARED }
}
