package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitStatusChange;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A unit as the API shows it; the timeline only where one unit is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitView(
        UUID id,
        String callSign,
        UnitType type,
        Set<Capability> capabilities,
        String stationCode,
        String areaCode,
        int crew,
        GeoPoint position,
        OffsetDateTime positionAt,
        UnitStatus status,
        OffsetDateTime statusSince,
        UUID incidentId,
        long version,
        boolean illustrative,
        List<StatusChangeView> timeline) {

    /** One step of a unit's status timeline. */
    public record StatusChangeView(UnitStatus previousStatus, UnitStatus status, UUID incidentId, String reason,
                                   String changedBy, OffsetDateTime changedAt, long unitVersion) {
        static StatusChangeView of(UnitStatusChange change) {
            return new StatusChangeView(change.previousStatus, change.status, change.incidentId, change.reason,
                    change.changedBy, change.changedAt, change.unitVersion);
        }
    }

    static UnitView of(Unit unit) {
        return of(unit, null);
    }

    static UnitView of(Unit unit, List<UnitStatusChange> timeline) {
        return new UnitView(unit.id, unit.callSign, unit.type, unit.capabilities(), unit.stationCode, unit.areaCode,
                unit.crew, unit.position(), unit.positionAt, unit.status, unit.statusSince, unit.incidentId,
                unit.version, unit.illustrative,
                timeline == null ? null : timeline.stream().map(StatusChangeView::of).toList());
    }

    /** The county bureau it belongs to (its area code's first six digits: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
