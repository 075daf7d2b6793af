package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A unit was sent to an incident. Schema: /schemas/events/dispatch.assigned.schema.json
 *
 * @param unitJurisdiction the unit's own bureau (its home area's first six digits): another than the incident's when
 *                         the unit is lent by mutual aid
 */
public record UnitAssigned(
        UUID incidentId,
        UUID assignmentId,
        UUID unitId,
        String callSign,
        UnitType unitType,
        List<Capability> capabilities,
        long unitVersion,
        Double etaMinutes,
        String assignedBy,
        OffsetDateTime assignedAt,
        String unitJurisdiction) {
}
