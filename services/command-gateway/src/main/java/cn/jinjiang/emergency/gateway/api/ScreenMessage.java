package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * What a command-centre screen receives: first a snapshot of the incidents in view, then one message per change.
 *
 * @param kind    {@code snapshot}, or the event type behind a change, e.g. {@code incident.reported}
 * @param eventId the event behind a change; a screen that reconnects can ignore ids it has already shown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenMessage(String kind, UUID eventId, IncidentSummary incident, List<IncidentSummary> incidents) {

    public static ScreenMessage snapshot(List<IncidentSummary> incidents) {
        return new ScreenMessage("snapshot", null, null, incidents);
    }

    public static ScreenMessage change(String kind, UUID eventId, IncidentSummary incident) {
        return new ScreenMessage(kind, eventId, incident, null);
    }
}
