package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

/**
 * Turn-out time plus the great-circle distance at the type's average speed. The speeds already allow for road
 * detours, so this is the estimate used until a road network is wired in.
 */
public final class StraightLineTravelTime implements TravelTime {

    @Override
    public double minutes(UnitType type, GeoPoint from, GeoPoint to) {
        return atLeastMinutes(type, from.kmTo(to));
    }

    /** The same formula: here the straight line is the whole model, so the bound is exact. */
    @Override
    public double atLeastMinutes(UnitType type, double straightLineKm) {
        return type.turnOutMinutes() + straightLineKm / type.speedKmh() * 60;
    }
}
