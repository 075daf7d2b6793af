package cn.jinjiang.emergency.intake.domain.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** A commander merges a duplicate incident into another ({@code into}), with a reason. */
public record Merging(@NotNull UUID into, @NotBlank @Size(max = 1000) String reason) {
}
