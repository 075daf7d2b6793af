package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An assignment ended: a dispatcher released the unit, reassigned it to another incident, or the unit left the scene.
 * Every assignment ends with exactly one of these. Schema: /schemas/events/dispatch.released.schema.json
 */
public record UnitReleased(
        UUID incidentId,
        UUID assignmentId,
        UUID unitId,
        String callSign,
        long unitVersion,
        Cause cause,
        String reason,
        UUID reassignedTo,
        String releasedBy,
        OffsetDateTime releasedAt) {

    public enum Cause { RELEASED, REASSIGNED, LEFT_SCENE }
}
