package cn.jinjiang.emergency.warning.domain.transfer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Where an area of a transfer stands, as its duty officer counts it: so far, not since the last report. The three
 * counts add up to the area's planned number, unless {@code reason} says why not (a recount, which then becomes the
 * planned number).
 *
 * @param vulnerableMoved of those moved, the elderly, disabled and children (0 when not given)
 * @param shelters        the shelters the people went to, by code (the ones already reported when not given)
 */
public record ProgressReport(
        @NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String areaCode,
        @NotNull @PositiveOrZero Integer moved,
        @NotNull @PositiveOrZero Integer remaining,
        @PositiveOrZero Integer refused,
        @PositiveOrZero Integer vulnerableMoved,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,40}",
                message = "must be a shelter's code") String> shelters,
        @Size(max = 2000) String reason) {

    int refusedOrNone() {
        return refused == null ? 0 : refused;
    }

    int vulnerableMovedOrNone() {
        return vulnerableMoved == null ? 0 : vulnerableMoved;
    }

    int counted() {
        return moved + remaining + refusedOrNone();
    }

    boolean isRecount() {
        return reason != null && !reason.isBlank();
    }
}
