package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A warning's coverage after new playback reports. Schema: /schemas/events/warning.coverage-changed.schema.json */
public record CoverageChanged(UUID warningId, UUID incidentId, CoverageLine overall, List<CoverageLine> areas,
                              OffsetDateTime at) {
}
