package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

/**
 * How long a unit of a type takes to arrive: the one place a road-network provider would plug in. The default is
 * {@link StraightLineTravelTime}.
 */
public interface TravelTime {

    /** Estimated minutes from the call until a unit of this type, standing at {@code from}, arrives at {@code to}. */
    double minutes(UnitType type, GeoPoint from, GeoPoint to);

    /**
     * Minutes that {@link #minutes} can never undercut for two points at least {@code straightLineKm} apart in a
     * straight line (great-circle). {@link UnitIndex} searches outwards from an incident and stops as soon as this
     * bound, taken at the distance it has not searched yet, is worse than the units it already holds; the answer is
     * only exact if the bound is true. So it must not decrease as the distance grows, and a provider with nothing
     * better may return the fastest conceivable time (for a road network: turn-out plus the distance at the highest
     * speed any road allows), at the cost of searching further.
     */
    double atLeastMinutes(UnitType type, double straightLineKm);
}
