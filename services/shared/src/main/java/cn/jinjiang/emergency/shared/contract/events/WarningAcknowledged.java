package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An area's duty officer acknowledged a warning (叫应): the warning reached someone there who answers for it. Once per
 * warning and area. Schema: /schemas/events/warning.acknowledged.schema.json
 *
 * @param areaCode the area acknowledging: the officer's own (a town, a street, or a village)
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record WarningAcknowledged(
        UUID warningId,
        UUID incidentId,
        WarningLevel level,
        String areaCode,
        String by,
        OffsetDateTime at) {

    /** The county bureau whose warning this is (the first six digits of the area's code). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
