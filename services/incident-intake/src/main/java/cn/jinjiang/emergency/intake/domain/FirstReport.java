package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.IncidentType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A first report (首报) as the duty officer files it. */
public record FirstReport(
        @NotNull IncidentType type,
        @NotBlank @Size(max = 200) String title,
        @NotNull @Valid Location location,
        @NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String areaCode,
        @NotNull OffsetDateTime occurredAt,
        @Valid Casualties casualties,
        @PositiveOrZero @Digits(integer = 14, fraction = 2) BigDecimal directLossCny) {

    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    /** Omitted counts are zero: the first report is often made before anybody has counted. */
    public record Casualties(
            @PositiveOrZero int deaths,
            @PositiveOrZero int seriousInjuries,
            @PositiveOrZero int minorInjuries,
            @PositiveOrZero int missing) {
    }
}
