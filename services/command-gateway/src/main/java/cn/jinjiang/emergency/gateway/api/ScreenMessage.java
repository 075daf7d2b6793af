package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a command-centre screen receives: first a snapshot of the incidents in view, then one message per change.
 *
 * @param kind      {@code snapshot}, the event type behind a change (e.g. {@code incident.reported}), or the answer
 *                  to a token renewal: {@code renewed} or {@code renewal-refused}
 * @param eventId   the event behind a change; a screen that reconnects can ignore ids it has already shown
 * @param expiresAt when the connection ends unless the screen renews its token (snapshot and renewed)
 * @param detail    why a renewal was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenMessage(String kind, UUID eventId, IncidentSummary incident, List<IncidentSummary> incidents,
                            Instant expiresAt, String detail) {

    public static ScreenMessage snapshot(List<IncidentSummary> incidents, Instant expiresAt) {
        return new ScreenMessage("snapshot", null, null, incidents, expiresAt, null);
    }

    public static ScreenMessage change(String kind, UUID eventId, IncidentSummary incident) {
        return new ScreenMessage(kind, eventId, incident, null, null, null);
    }

    public static ScreenMessage renewed(Instant expiresAt) {
        return new ScreenMessage("renewed", null, null, null, expiresAt, null);
    }

    public static ScreenMessage renewalRefused(String detail) {
        return new ScreenMessage("renewal-refused", null, null, null, null, detail);
    }
}
