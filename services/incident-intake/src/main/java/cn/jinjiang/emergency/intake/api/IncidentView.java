package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An incident as the API shows it. */
public record IncidentView(
        UUID id,
        IncidentType type,
        String title,
        IncidentReported.GeoPoint location,
        String areaCode,
        OffsetDateTime occurredAt,
        OffsetDateTime reportedAt,
        String reportedBy,
        IncidentReported.Casualties casualties,
        BigDecimal directLossCny,
        Grade grade,
        Incident.Status status) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.id, incident.type, incident.title,
                new IncidentReported.GeoPoint(incident.latitude, incident.longitude), incident.areaCode,
                incident.occurredAt, incident.reportedAt, incident.reportedBy, incident.casualties(),
                incident.directLossCny, incident.grade, incident.status);
    }
}
