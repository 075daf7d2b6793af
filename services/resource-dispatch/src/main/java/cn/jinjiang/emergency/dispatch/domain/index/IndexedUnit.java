package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the recommendation index keeps of an available unit.
 *
 * @param jurisdiction the county bureau the unit belongs to (its area's first six digits), null if none is known
 */
public record IndexedUnit(UUID id, String callSign, UnitType type, Set<Capability> capabilities, GeoPoint position,
                          String jurisdiction) {

    public IndexedUnit(UUID id, String callSign, UnitType type, Set<Capability> capabilities, GeoPoint position) {
        this(id, callSign, type, capabilities, position, null);
    }

    public IndexedUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callSign, "callSign");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
        // A copy: the index files the unit under these capabilities and must not see them change afterwards.
        capabilities = Set.copyOf(capabilities);
    }

    /** The same unit somewhere else. */
    public IndexedUnit at(GeoPoint newPosition) {
        return new IndexedUnit(id, callSign, type, capabilities, newPosition, jurisdiction);
    }
}
