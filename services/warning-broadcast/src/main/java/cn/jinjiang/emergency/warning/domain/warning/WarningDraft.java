package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A warning as a dispatcher drafts it (POST) or changes it (PUT). Target areas may be of any level; a town means all
 * its villages. Without {@code effectiveAt} it takes effect when issued; mode defaults to ACTUAL.
 */
public record WarningDraft(
        @NotNull Hazard hazard,
        @NotNull WarningLevel level,
        WarningMode mode,
        @NotBlank @Size(max = 200) String headline,
        @Size(max = 4000) String description,
        @NotBlank @Size(max = 2000) String instruction,
        @NotEmpty @Size(max = 200)
        List<@NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String> areaCodes,
        OffsetDateTime effectiveAt,
        @NotNull OffsetDateTime expiresAt,
        UUID incidentId) {
}
