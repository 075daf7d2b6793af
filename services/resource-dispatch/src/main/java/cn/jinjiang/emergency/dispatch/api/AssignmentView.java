package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.assignment.Assignment;
import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitStatusChange;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A unit's assignment to an incident, with the unit's status timeline while it served it. */
public record AssignmentView(
        UUID id,
        UUID incidentId,
        AssignedUnit unit,
        String assignedBy,
        OffsetDateTime assignedAt,
        Double etaMinutes,
        boolean open,
        OffsetDateTime releasedAt,
        String releasedBy,
        String releaseReason,
        OffsetDateTime releaseRequestedAt,
        List<UnitView.StatusChangeView> timeline) {

    public record AssignedUnit(UUID id, String callSign, UnitType type, Set<Capability> capabilities,
                               UnitStatus status) {
    }

    static AssignmentView of(Assignment assignment, Unit unit, Double etaMinutes, List<UnitStatusChange> changes) {
        return new AssignmentView(assignment.id, assignment.incidentId, new AssignedUnit(unit.id, unit.callSign,
                unit.type, unit.capabilities(), unit.status), assignment.assignedBy, assignment.assignedAt, etaMinutes,
                assignment.isOpen(), assignment.releasedAt, assignment.releasedBy, assignment.releaseReason,
                assignment.releaseRequestedAt, changes.stream()
                .filter(change -> change.unitId.equals(unit.id) && !change.changedAt.isBefore(assignment.assignedAt)
                        && (assignment.releasedAt == null || !change.changedAt.isAfter(assignment.releasedAt)))
                .map(UnitView.StatusChangeView::of).toList());
    }
}
