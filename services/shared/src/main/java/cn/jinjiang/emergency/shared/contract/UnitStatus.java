package cn.jinjiang.emergency.shared.contract;

import java.util.EnumSet;
import java.util.Set;

/**
 * A rescue unit's place in its dispatch cycle: AVAILABLE → DISPATCHED → EN_ROUTE → ON_SCENE → RETURNING → AVAILABLE,
 * and OUT_OF_SERVICE while it cannot be sent. Only an assignment makes a unit DISPATCHED; releasing it sends it back
 * to AVAILABLE (not yet left) or RETURNING (left already).
 */
public enum UnitStatus {
    AVAILABLE,
    DISPATCHED,
    EN_ROUTE,
    ON_SCENE,
    RETURNING,
    OUT_OF_SERVICE;


    /** The statuses a unit may report next (PUT status); DISPATCHED is reached by assignment only. */
    public Set<UnitStatus> reportable() {
        return switch (this) {
            case AVAILABLE -> EnumSet.of(OUT_OF_SERVICE);
            case DISPATCHED -> EnumSet.of(EN_ROUTE);
            case EN_ROUTE -> EnumSet.of(ON_SCENE);
            case ON_SCENE -> EnumSet.of(RETURNING);
            case RETURNING -> EnumSet.of(AVAILABLE, OUT_OF_SERVICE);
            case OUT_OF_SERVICE -> EnumSet.of(AVAILABLE);
        };
    }

    /** Where a release leaves a unit in this status: back home if it had not left, else on its way back. */
    public UnitStatus afterRelease() {
        return switch (this) {
            case DISPATCHED -> AVAILABLE;
            case EN_ROUTE, ON_SCENE -> RETURNING;
            default -> throw new IllegalStateException(this + " is not tied to an incident");
        };
    }
}
