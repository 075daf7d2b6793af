package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The incident closed or was merged while units were still assigned to it: they are flagged for a dispatcher to
 * release (a unit on scene may still have work to finish). Schema: /schemas/events/dispatch.release-requested.schema.json
 */
public record ReleaseRequested(
        UUID incidentId,
        Cause cause,
        List<Unit> units,
        OffsetDateTime requestedAt) {

    public enum Cause { INCIDENT_CLOSED, INCIDENT_MERGED }

    public record Unit(UUID assignmentId, UUID unitId, String callSign) {
    }
}
