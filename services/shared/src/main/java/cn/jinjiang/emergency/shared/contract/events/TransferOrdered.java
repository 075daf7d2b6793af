package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A commander ordered people moved out of some areas a warning covers (转移), by a deadline: per area how many, how
 * many of them need help (elderly, disabled, children), and who answers for it there (责任到个人).
 * Schema: /schemas/events/transfer.ordered.schema.json
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record TransferOrdered(
        UUID transferId,
        UUID warningId,
        UUID incidentId,
        String reason,
        OffsetDateTime deadline,
        List<Area> areas,
        String by,
        OffsetDateTime at) {

    /** An area to empty: a town or a village inside the warning's areas. */
    public record Area(String areaCode, String townCode, int planned, int vulnerable, String responsible) {
    }

    /** The county bureau whose transfer this is (the first six digits of its areas' codes, all of one bureau). */
    @JsonProperty
    public String jurisdiction() {
        return areas == null || areas.isEmpty() ? null : AreaCodes.jurisdictionOf(areas.get(0).areaCode());
    }
}
