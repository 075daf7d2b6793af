package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Grade;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A follow-up (续报, event incident.updated) or final report (终报, incident.closed): the incident's whole current toll,
 * restated in full, and its grade after the report. Schema: /schemas/incident-report.schema.json
 */
public record IncidentReport(
        UUID incidentId,
        UUID reportId,
        int sequence,
        Kind kind,
        OffsetDateTime reportedAt,
        String reportedBy,
        IncidentReported.Casualties casualties,
        BigDecimal directLossCny,
        int peopleEvacuated,
        int housesCollapsed,
        String situation,
        String actionsTaken,
        Grade grade) {

    public enum Kind { FOLLOW_UP, FINAL }
}
