package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Where one area of a transfer stands: reported by its duty officer (transfer.progress-reported), or found incomplete
 * at the deadline (transfer.overdue, once per area; {@code by} is then null). The counts are so far, not increments:
 * {@code moved + remaining + refused} is the area's planned number, which a recount ({@code reason}) may change.
 * Schemas: /schemas/events/transfer.progress-reported.schema.json, /schemas/events/transfer.overdue.schema.json
 *
 * @param shelters the shelters (避灾点) the area's people went to, by code
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record TransferProgress(
        UUID transferId,
        UUID warningId,
        UUID incidentId,
        String areaCode,
        String townCode,
        int planned,
        int moved,
        int remaining,
        int refused,
        int vulnerableMoved,
        List<String> shelters,
        OffsetDateTime deadline,
        String reason,
        String by,
        OffsetDateTime at) {

    /** The county bureau whose transfer this is (the first six digits of the area's code). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
