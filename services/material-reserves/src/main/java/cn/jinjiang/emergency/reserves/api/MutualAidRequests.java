package cn.jinjiang.emergency.reserves.api;

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

/** The bodies of requests for another bureau's stock, and of their answers. */
public final class MutualAidRequests {

    private MutualAidRequests() {
    }

    /** Stock asked for: how much of which item. */
    public record Line(@NotNull @Pattern(regexp = ReserveRequests.ITEM_CODE,
                               message = ReserveRequests.ITEM_CODE_MESSAGE) String itemCode,
                       @NotNull @Min(1) @Max(ReserveRequests.MAX_QUANTITY) Integer quantity) {
    }

    /**
     * @param lendingJurisdiction the bureau asked (six digits); with two bureaus it may be left out: the other one
     */
    public record Ask(@NotEmpty @Size(max = 50) List<@NotNull @Valid Line> items,
                      @NotBlank @Size(max = 1000) String reason,
                      @NotNull OffsetDateTime answerBy,
                      @Pattern(regexp = "[0-9]{6}", message = "must be a jurisdiction's six digits")
                      String lendingJurisdiction) {
    }
}
