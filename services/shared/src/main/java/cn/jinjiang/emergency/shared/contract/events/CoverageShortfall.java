package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The coverage deadline passed with the warning below target; {@code lagging} names the areas below it.
 * Schema: /schemas/events/warning.coverage-shortfall.schema.json
 */
public record CoverageShortfall(UUID warningId, UUID incidentId, double targetPercent, OffsetDateTime deadline,
                                CoverageLine overall, List<CoverageLine> lagging, OffsetDateTime at) {
}
