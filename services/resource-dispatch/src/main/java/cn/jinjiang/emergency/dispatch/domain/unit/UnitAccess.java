package cn.jinjiang.emergency.dispatch.domain.unit;

import io.quarkus.security.ForbiddenException;

/** A rescue unit's terminal reports for its own unit only; the command centre for any. */
final class UnitAccess {

    private UnitAccess() {
    }

    /** @param ownCallSign the call sign a rescue unit's token names, or null for the command centre */
    static void require(Unit unit, String ownCallSign) {
        if (ownCallSign != null && !ownCallSign.equals(unit.callSign)) {
            throw new ForbiddenException("This terminal reports for " + ownCallSign + ", not " + unit.callSign);
        }
    }
}
