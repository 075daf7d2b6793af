package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.UnitType;

import java.util.Map;

/**
 * How far a unit type is offered: within {@code maxKm} in a straight line and {@code maxMinutes} of estimated
 * arrival, both inclusive. A type without a reach is offered at any distance.
 */
public record Reach(double maxKm, double maxMinutes) {

    public Reach {
        if (!(maxKm >= 0) || !(maxMinutes >= 0)) {
            throw new IllegalArgumentException("a reach needs non-negative limits, got " + maxKm + " km, "
                    + maxMinutes + " min");
        }
    }

    /** The bureau's rule: a helicopter further than 100 km or two hours away is a matter for the province. */
    public static Map<UnitType, Reach> defaults() {
        return Map.of(UnitType.HELICOPTER, new Reach(100, 120));
    }
}
