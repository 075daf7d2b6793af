package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * A unit's standing data, as an administrator registers it (POST) or changes it (PUT; the call sign cannot change, it
 * is how the radio and the reference file know the unit). Status and position come from the field, not from here;
 * the position given is where a new unit starts.
 */
public record UnitDraft(
        @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,63}", message = "must be 2 to 64 of A-Z, 0-9 and '-'")
        String callSign,
        @NotNull UnitType type,
        @NotEmpty @Size(max = 7) Set<@NotNull Capability> capabilities,
        @Size(max = 64) String stationCode,
        @NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String areaCode,
        @NotNull @PositiveOrZero @Max(500) Integer crew,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
}
