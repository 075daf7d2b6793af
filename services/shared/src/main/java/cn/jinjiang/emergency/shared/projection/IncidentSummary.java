package cn.jinjiang.emergency.shared.projection;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An incident as the consuming services show it over HTTP and WebSocket. */
public record IncidentSummary(
        UUID id,
        IncidentType type,
        String title,
        Grade grade,
        String areaCode,
        IncidentReported.GeoPoint location,
        OffsetDateTime occurredAt,
        OffsetDateTime reportedAt,
        IncidentReported.Casualties casualties,
        IncidentProjection.Status status,
        OffsetDateTime updatedAt) {

    public static IncidentSummary of(IncidentProjection incident) {
        return new IncidentSummary(incident.id, incident.type, incident.title, incident.grade, incident.areaCode,
                new IncidentReported.GeoPoint(incident.latitude, incident.longitude), incident.occurredAt,
                incident.reportedAt, new IncidentReported.Casualties(incident.deaths, incident.seriousInjuries,
                incident.minorInjuries, incident.missing), incident.status, incident.updatedAt);
    }
}
