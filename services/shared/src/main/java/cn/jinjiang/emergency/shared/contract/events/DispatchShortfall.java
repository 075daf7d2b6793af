package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * After a re-grade the incident's response plan is not met by the units assigned to it.
 * Schema: /schemas/events/dispatch.shortfall.schema.json
 */
public record DispatchShortfall(
        UUID incidentId,
        IncidentType incidentType,
        Grade grade,
        Grade previousGrade,
        List<Line> missing,
        OffsetDateTime evaluatedAt) {

    /** A capability the plan asks more units of than are assigned. */
    public record Line(Capability capability, int required, int assigned, int missing) {
    }
}
