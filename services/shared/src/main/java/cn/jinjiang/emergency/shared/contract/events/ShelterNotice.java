package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A shelter as it stands after a change: listed from the register, opened for an incident, a warning or a transfer
 * (转移), its occupancy reported, closed. Keyed by the incident it is open for (in shelter.closed: was open for), else
 * by the shelter's own id; {@code version} orders one shelter's events across those keys. Schema: /schemas/shelter-notice.schema.json
 *
 * @param warningId  the warning it is open for, or whose transfer it is open for; null otherwise
 * @param transferId the transfer it is open for; null otherwise
 * @param arrived people who arrived, in shelter.occupancy-changed only (null otherwise)
 * @param left    people who left, in shelter.occupancy-changed only (null otherwise)
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record ShelterNotice(
        UUID shelterId,
        String code,
        String name,
        ShelterKind kind,
        String areaCode,
        GeoPoint position,
        int capacity,
        int occupancy,
        Status status,
        UUID incidentId,
        UUID warningId,
        UUID transferId,
        Integer arrived,
        Integer left,
        long version,
        String by,
        OffsetDateTime at) {

    public enum Status { OPEN, CLOSED }

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
