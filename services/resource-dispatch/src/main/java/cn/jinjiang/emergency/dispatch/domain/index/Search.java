package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.util.Set;
import java.util.UUID;

/** One {@code nearest} query as it goes through the grids of a capability, sharing one shortlist. */
final class Search {

    final GeoPoint point;
    final double cosLatitude;
    final int row;
    final int column;
    private final Set<UUID> excluded;
    /** Only units of this jurisdiction, or any when null. */
    private final String jurisdiction;
    private final TravelTime travelTime;
    final Shortlist shortlist;

    Search(GeoPoint point, Set<UUID> excluded, String jurisdiction, TravelTime travelTime, int count) {
        this.point = point;
        this.cosLatitude = Math.cos(Math.toRadians(point.latitude()));
        this.row = GridGeometry.row(point.latitude());
        this.column = GridGeometry.column(point.longitude());
        this.excluded = excluded;
        this.jurisdiction = jurisdiction;
        this.travelTime = travelTime;
        this.shortlist = new Shortlist(count);
    }

    /**
     * The same tests and the same arithmetic as {@link UnitIndex#bruteForce}, so the two agree to the last bit; a
     * unit skipped on the bound alone could not have made the list.
     */
    void consider(IndexedUnit unit, Reach reach) {
        if (excluded.contains(unit.id()) || !UnitIndex.inJurisdiction(unit, jurisdiction)) {
            return;
        }
        double km = unit.position().kmTo(point);
        if (reach != null && km > reach.maxKm()) {
            return;
        }
        // The bound at the unit's own distance often rules it out without asking for the (dearer) estimate.
        if (shortlist.isFull() && travelTime.atLeastMinutes(unit.type(), km) > shortlist.worstEta()) {
            return;
        }
        double eta = travelTime.minutes(unit.type(), unit.position(), point);
        if (reach != null && eta > reach.maxMinutes()) {
            return;
        }
        shortlist.offer(unit, km, eta);
    }

    /**
     * Whether no unit of this type at least {@code km} away can make the list: too far for its reach, or its
     * earliest possible arrival is strictly later than the k-th best (an equal one could still win on call sign).
     */
    boolean nothingBeyond(UnitType type, Reach reach, double km) {
        if (reach != null && km > reach.maxKm()) {
            return true;
        }
        if (!shortlist.isFull() && reach == null) {
            return false;
        }
        double earliest = travelTime.atLeastMinutes(type, km);
        return reach != null && earliest > reach.maxMinutes()
                || shortlist.isFull() && earliest > shortlist.worstEta();
    }

    /** Whether the search has anything to bound at all; saves computing distance bounds that cannot stop it. */
    boolean canStopEarly(Reach reach) {
        return reach != null || shortlist.isFull();
    }
}
