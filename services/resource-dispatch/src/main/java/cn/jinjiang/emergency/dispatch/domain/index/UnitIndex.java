package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The available units in memory, for "which units with this capability can be at this point soonest". The service
 * keeps it in step with its database: {@link #put} when a unit becomes available or moves, {@link #remove} when it
 * stops being available.
 *
 * <p>Units are filed in one {@link UnitGrid} per (capability, unit type). A query searches each grid of the
 * capability outwards from the point and stops a grid once the travel-time lower bound at the distance not yet
 * searched is worse than the k-th best unit found so far, so it reads the units near the point and few others. The
 * answer is exactly {@link #bruteForce}'s, for any point on Earth.
 *
 * <p>Thread-safe: queries share a read lock and run in parallel; changes take the write lock and are short.
 */
public final class UnitIndex {

    private final TravelTime travelTime;
    private final Map<UnitType, Reach> reaches;
    /** The types in the order a query visits their grids: earliest possible arrival first, to tighten the bound. */
    private final UnitType[] searchOrder;
    private final Map<UUID, IndexedUnit> units = new HashMap<>();
    private final UnitGrid[][] grids = new UnitGrid[Capability.values().length][UnitType.values().length];
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public UnitIndex(TravelTime travelTime, Map<UnitType, Reach> reaches) {
        this.travelTime = Objects.requireNonNull(travelTime, "travelTime");
        this.reaches = reaches.isEmpty() ? new EnumMap<>(UnitType.class) : new EnumMap<>(reaches);
        this.searchOrder = UnitType.values();
        Arrays.sort(searchOrder, Comparator.comparingDouble(type -> travelTime.atLeastMinutes(type, 0)));
    }

    /** Adds the unit, or replaces the one with the same id (a move, or changed capabilities). */
    public void put(IndexedUnit unit) {
        requireOnEarth(unit.position());
        lock.writeLock().lock();
        try {
            file(unit);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(UUID id) {
        lock.writeLock().lock();
        try {
            IndexedUnit old = units.remove(id);
            if (old != null) {
                unfile(old);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Everything at once, as after reading the available units from the database; a later duplicate id wins. */
    public void replaceAll(Collection<IndexedUnit> all) {
        all.forEach(unit -> requireOnEarth(unit.position()));
        lock.writeLock().lock();
        try {
            clearLocked();
            all.forEach(this::file);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            clearLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return units.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The {@code count} units that have {@code capability}, are not in {@code excluded} and are within their type's
     * reach, soonest arrival first (ties by call sign, then id); fewer if fewer qualify.
     */
    public List<Candidate> nearest(GeoPoint point, Capability capability, int count, Set<UUID> excluded) {
        return nearest(point, capability, count, excluded, null);
    }

    /**
     * {@link #nearest(GeoPoint, Capability, int, Set)} among the units of one jurisdiction (a county bureau's own
     * forces; the other's come only by mutual aid), or of every one when {@code jurisdiction} is null.
     */
    public List<Candidate> nearest(GeoPoint point, Capability capability, int count, Set<UUID> excluded,
                                   String jurisdiction) {
        requireOnEarth(point);
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(excluded, "excluded");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        lock.readLock().lock();
        try {
            if (count == 0 || units.isEmpty()) {
                return List.of();
            }
            Search search = new Search(point, excluded, jurisdiction, travelTime, Math.min(count, units.size()));
            UnitGrid[] ofCapability = grids[capability.ordinal()];
            for (UnitType type : searchOrder) {
                UnitGrid grid = ofCapability[type.ordinal()];
                if (grid != null) {
                    grid.search(search);
                }
            }
            return search.shortlist.ranked();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The reference answer of {@link #nearest}, by looking at every unit. */
    public static List<Candidate> bruteForce(Collection<IndexedUnit> units, TravelTime travelTime,
            Map<UnitType, Reach> reaches, GeoPoint point, Capability capability, int count, Set<UUID> excluded) {
        return bruteForce(units, travelTime, reaches, point, capability, count, excluded, null);
    }

    /** The reference answer of {@link #nearest(GeoPoint, Capability, int, Set, String)}. */
    public static List<Candidate> bruteForce(Collection<IndexedUnit> units, TravelTime travelTime,
            Map<UnitType, Reach> reaches, GeoPoint point, Capability capability, int count, Set<UUID> excluded,
            String jurisdiction) {
        List<Candidate> matches = new ArrayList<>();
        for (IndexedUnit unit : units) {
            if (!unit.capabilities().contains(capability) || excluded.contains(unit.id())
                    || !inJurisdiction(unit, jurisdiction)) {
                continue;
            }
            Reach reach = reaches.get(unit.type());
            double km = unit.position().kmTo(point);
            double eta = travelTime.minutes(unit.type(), unit.position(), point);
            if (reach == null || km <= reach.maxKm() && eta <= reach.maxMinutes()) {
                matches.add(new Candidate(unit, km, eta));
            }
        }
        matches.sort(Candidate.RANKING);
        return List.copyOf(matches.subList(0, Math.min(count, matches.size())));
    }

    static boolean inJurisdiction(IndexedUnit unit, String jurisdiction) {
        return jurisdiction == null || jurisdiction.equals(unit.jurisdiction());
    }

    private void file(IndexedUnit unit) {
        IndexedUnit old = units.put(unit.id(), unit);
        if (old != null) {
            unfile(old);
        }
        for (Capability capability : unit.capabilities()) {
            UnitGrid[] ofCapability = grids[capability.ordinal()];
            UnitGrid grid = ofCapability[unit.type().ordinal()];
            if (grid == null) {
                grid = new UnitGrid(unit.type(), reaches.get(unit.type()));
                ofCapability[unit.type().ordinal()] = grid;
            }
            grid.add(unit);
        }
    }

    private void unfile(IndexedUnit unit) {
        for (Capability capability : unit.capabilities()) {
            grids[capability.ordinal()][unit.type().ordinal()].remove(unit);
        }
    }

    private void clearLocked() {
        units.clear();
        for (UnitGrid[] ofCapability : grids) {
            Arrays.fill(ofCapability, null);
        }
    }

    /** A NaN or off-the-globe coordinate would land in no cell that a search could reach. */
    private static void requireOnEarth(GeoPoint point) {
        Objects.requireNonNull(point, "point");
        if (!(point.latitude() >= -90 && point.latitude() <= 90)
                || !(point.longitude() >= -180 && point.longitude() <= 180)) {
            throw new IllegalArgumentException("not a position on Earth: " + point);
        }
    }
}
