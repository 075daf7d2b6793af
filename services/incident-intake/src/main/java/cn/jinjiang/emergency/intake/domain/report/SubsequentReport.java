package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.intake.domain.Impact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A follow-up (续报) or final report (终报). It restates the incident's whole current toll, not a difference: a count it
 * leaves out is zero, as in a first report, so every report can be read alone.
 */
public record SubsequentReport(
        @NotNull Kind kind,
        @Valid FirstReport.Casualties casualties,
        @PositiveOrZero @Digits(integer = 14, fraction = 2) BigDecimal directLossCny,
        @PositiveOrZero @Max(Impact.MAX_PEOPLE) Integer peopleEvacuated,
        @PositiveOrZero @Max(Impact.MAX_HOUSES) Integer housesCollapsed,
        @NotBlank @Size(max = 4000) String situation,
        @Size(max = 4000) String actionsTaken) {

    public enum Kind { FOLLOW_UP, FINAL }

    Impact impact() {
        return FirstReport.impact(casualties, directLossCny, peopleEvacuated, housesCollapsed);
    }
}
