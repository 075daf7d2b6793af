package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A unit of the registry as it stands: its standing data (type, capabilities, station, area, crew) and where it is in
 * its cycle. Announced once for every unit when the registry is loaded, and again whenever its standing data changes,
 * so a consumer learns every unit from the topic alone, including those that never moved. Keyed like
 * unit.status-changed: by the incident the unit is busy with, else by the unit's own id; {@code unitVersion} (its
 * count of status changes, 0 for a unit that never moved) orders the status against unit.status-changed,
 * {@code listedVersion} orders the standing data across keys.
 * Schema: /schemas/events/unit.listed.schema.json
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record UnitListed(
        UUID unitId,
        String callSign,
        UnitType unitType,
        List<Capability> capabilities,
        String stationCode,
        String areaCode,
        int crew,
        UnitStatus status,
        UUID incidentId,
        long unitVersion,
        GeoPoint position,
        long listedVersion,
        String listedBy,
        OffsetDateTime listedAt) {

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
