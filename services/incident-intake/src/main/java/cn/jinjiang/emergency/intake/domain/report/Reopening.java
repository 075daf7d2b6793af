package cn.jinjiang.emergency.intake.domain.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A commander re-opens a closed incident, e.g. when casualties change after the final report. */
public record Reopening(@NotBlank @Size(max = 1000) String reason) {
}
