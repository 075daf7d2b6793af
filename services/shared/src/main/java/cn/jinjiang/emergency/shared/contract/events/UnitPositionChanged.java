package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.GeoPoint;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a rescue unit is now, coalesced: at most one per unit per {@code emergency.dispatch.positions.coalesce-within},
 * carrying the latest position reported, and the last one always follows. Keyed like the unit's status changes (the
 * incident it is busy with, else its own id). Schema: /schemas/events/unit.position-changed.schema.json
 *
 * @param positionVersion counts the unit's position reports; a consumer keeps the position of the highest it has seen
 * @param reportedAt      when the unit reported this position (the latest of the reports it stands for)
 */
public record UnitPositionChanged(
        UUID unitId,
        String callSign,
        UUID incidentId,
        GeoPoint position,
        long positionVersion,
        OffsetDateTime reportedAt) {
}
