package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A warning as it stands after a change: issued, updated, cancelled or expired. Keyed by its incident, or by the
 * warning's own id when it has none. Schema: /schemas/warning-notice.schema.json
 */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record WarningNotice(
        UUID warningId,
        UUID incidentId,
        Hazard hazard,
        WarningLevel level,
        WarningMode mode,
        String headline,
        String instruction,
        List<String> areaCodes,
        OffsetDateTime effectiveAt,
        OffsetDateTime expiresAt,
        Status status,
        String capIdentifier,
        String reason,
        String changedBy,
        OffsetDateTime changedAt) {

    public enum Status { ACTIVE, CANCELLED, EXPIRED }

    /** The county bureau whose warning this is (its areas all lie in one: the first six digits of their codes). */
    @JsonProperty
    public String jurisdiction() {
        return areaCodes == null || areaCodes.isEmpty() ? null : AreaCodes.jurisdictionOf(areaCodes.get(0));
    }
}
