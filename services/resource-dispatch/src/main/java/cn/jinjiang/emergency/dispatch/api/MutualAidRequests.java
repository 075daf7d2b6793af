package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.UnitType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** The bodies of mutual-aid requests and answers. */
public final class MutualAidRequests {

    private MutualAidRequests() {
    }

    /** Units asked for: how many of which type. */
    public record Line(@NotNull UnitType type, @Min(1) @Max(50) int count) {
    }

    /**
     * @param lendingJurisdiction the bureau asked (six digits); with two bureaus it may be left out: the other one
     */
    public record Ask(@NotEmpty @Size(max = 10) List<@NotNull @Valid Line> units,
                      @NotBlank @Size(max = 1000) String reason,
                      @NotNull OffsetDateTime answerBy,
                      @Pattern(regexp = "[0-9]{6}", message = "must be a jurisdiction's six digits")
                      String lendingJurisdiction) {
    }

    public record Answer(@NotBlank @Size(max = 1000) String reason) {
    }
}
