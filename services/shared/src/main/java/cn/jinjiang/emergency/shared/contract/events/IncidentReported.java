package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * First report (首报) of an incident. Schema: /schemas/events/incident.reported.schema.json
 *
 * @param locationOutsideArea the reported position lies far outside the reported area (its illustrative circle in
 *                            areas.csv); the report was taken all the same, and the command centre checks it. Absent,
 *                            so false, in records from before the check.
 * @param situation           the basic situation as first reported, or null (absent in records from before it was taken)
 * @param actionsTaken        the measures already taken (先期处置), or null
 * @param contactPhone        the reporter's number to call back on, or null: personal data, for those who may see the
 *                            incident only, never for public outputs
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record IncidentReported(
        UUID incidentId,
        IncidentType type,
        String title,
        GeoPoint location,
        String areaCode,
        OffsetDateTime occurredAt,
        OffsetDateTime reportedAt,
        String reportedBy,
        Casualties casualties,
        BigDecimal directLossCny,
        Grade grade,
        Integer peopleEvacuated,
        Integer housesCollapsed,
        List<DuplicateLink> possibleDuplicates,
        boolean locationOutsideArea,
        String situation,
        String actionsTaken,
        String contactPhone) {

    public record GeoPoint(double latitude, double longitude) {
    }

    public record Casualties(int deaths, int seriousInjuries, int minorInjuries, int missing) {
        public static final Casualties NONE = new Casualties(0, 0, 0, 0);
    }

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
