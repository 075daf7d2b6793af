package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.intake.domain.Impact;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A first report (首报) as the duty officer files it. The plans ask a first report for the basic situation and the
 * measures already taken (先期处置) as well as the toll; either may still be unknown when the first call comes in, so
 * neither is required. The contact phone is the reporter's, for the command centre to call back: personal data,
 * shown only to those who may see the incident.
 */
public record FirstReport(
        @NotNull IncidentType type,
        @NotBlank @Size(max = 200) String title,
        @NotNull @Valid Location location,
        @NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String areaCode,
        @NotNull OffsetDateTime occurredAt,
        @Valid Casualties casualties,
        @PositiveOrZero @Digits(integer = 14, fraction = 2) BigDecimal directLossCny,
        @PositiveOrZero @Max(Impact.MAX_PEOPLE) Integer peopleEvacuated,
        @PositiveOrZero @Max(Impact.MAX_HOUSES) Integer housesCollapsed,
        @Size(max = 4000) @Pattern(regexp = NOT_BLANK, message = "must not be blank when given") String situation,
        @Size(max = 4000) @Pattern(regexp = NOT_BLANK, message = "must not be blank when given") String actionsTaken,
        @Pattern(regexp = ContactPhone.PATTERN, message = ContactPhone.RULE) String contactPhone) {

    /** Given or not, but never only white space: an empty situation reads as if something had been said. */
    private static final String NOT_BLANK = "(?s)\\s*\\S.*";

    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    /**
     * Omitted counts are zero: the first report is often made before anybody has counted. The bounds are far above any
     * real toll, to catch a slip of the keyboard rather than to judge.
     */
    public record Casualties(
            @PositiveOrZero @Max(Impact.MAX_CASUALTIES) int deaths,
            @PositiveOrZero @Max(Impact.MAX_CASUALTIES) int seriousInjuries,
            @PositiveOrZero @Max(Impact.MAX_CASUALTIES) int minorInjuries,
            @PositiveOrZero @Max(Impact.MAX_CASUALTIES) int missing) {

        public static final Casualties NONE = new Casualties(0, 0, 0, 0);
    }

    Impact impact() {
        return impact(casualties, directLossCny, peopleEvacuated, housesCollapsed);
    }

    /** The toll from a report's fields, where a count left out is zero. */
    static Impact impact(Casualties casualties, BigDecimal directLossCny, Integer peopleEvacuated,
            Integer housesCollapsed) {
        Casualties counted = casualties == null ? Casualties.NONE : casualties;
        return new Impact(counted.deaths(), counted.seriousInjuries(), counted.minorInjuries(), counted.missing(),
                directLossCny, peopleEvacuated == null ? 0 : peopleEvacuated,
                housesCollapsed == null ? 0 : housesCollapsed);
    }
}
