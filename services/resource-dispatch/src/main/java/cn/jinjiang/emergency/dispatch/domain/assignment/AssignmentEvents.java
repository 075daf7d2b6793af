package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.UnitAssigned;
import cn.jinjiang.emergency.shared.contract.events.UnitReleased;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Publishes a unit's assignments, in the transaction that books or ends them: keyed by the incident, like the unit's
 * status changes while it is busy with it, so a screen sees them in order with the incident's reports.
 */
@ApplicationScoped
public class AssignmentEvents {

    private final Outbox outbox;

    public AssignmentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> assigned(Unit unit, Assignment assignment, Double etaMinutes) {
        return outbox.add(EventType.DISPATCH_ASSIGNED, assignment.incidentId, new UnitAssigned(
                        assignment.incidentId, assignment.id, unit.id, unit.callSign, unit.type,
                        List.copyOf(unit.capabilities()), unit.version, etaMinutes, assignment.assignedBy,
                        assignment.assignedAt, AreaCodes.jurisdictionOf(unit.areaCode)))
                .replaceWithVoid();
    }

    public Uni<Void> released(Unit unit, Assignment assignment, UnitReleased.Cause cause, UUID reassignedTo) {
        return outbox.add(EventType.DISPATCH_RELEASED, assignment.incidentId, new UnitReleased(
                        assignment.incidentId, assignment.id, unit.id, unit.callSign, unit.version, cause,
                        assignment.releaseReason, reassignedTo, assignment.releasedBy, assignment.releasedAt))
                .replaceWithVoid();
    }
}
