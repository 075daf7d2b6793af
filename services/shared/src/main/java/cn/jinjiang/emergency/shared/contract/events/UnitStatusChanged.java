package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rescue unit moved in its dispatch cycle. Keyed by the incident it is busy with, or by the unit's own id when it is
 * busy with none; {@code unitVersion} orders one unit's events across those keys.
 * Schema: /schemas/events/unit.status-changed.schema.json
 */
public record UnitStatusChanged(
        UUID unitId,
        String callSign,
        UnitType unitType,
        long unitVersion,
        UnitStatus previousStatus,
        UnitStatus status,
        UUID incidentId,
        String reason,
        String changedBy,
        OffsetDateTime changedAt,
        GeoPoint position) {
}
