package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.UnitStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A unit reports where it is in its cycle (PUT /api/units/{id}/status). */
public record StatusReport(@NotNull UnitStatus status, @Size(max = 1000) String reason) {
}
