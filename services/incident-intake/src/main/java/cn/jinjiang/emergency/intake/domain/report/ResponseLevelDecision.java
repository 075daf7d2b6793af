package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.shared.contract.Grade;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A commander sets the response level (分级响应) of an incident, or clears it with {@code level} null so that the
 * assessment from the reports decides again. Either way with a reason.
 */
public record ResponseLevelDecision(Grade level, @NotBlank @Size(max = 1000) String reason) {
}
