package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A town (street) a warning reaches has not acknowledged it in the time its level allows (30 minutes for orange and
 * red, 2 hours otherwise, by default): the command centre calls it. Once per warning and town. Schema:
 * /schemas/events/warning.acknowledgement-overdue.schema.json
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record AcknowledgementOverdue(
        UUID warningId,
        UUID incidentId,
        WarningLevel level,
        String areaCode,
        OffsetDateTime dueAt,
        OffsetDateTime detectedAt) {

    /** The county bureau whose warning this is (the first six digits of the town's code). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
