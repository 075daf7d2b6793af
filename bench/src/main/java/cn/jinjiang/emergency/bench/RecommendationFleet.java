package cn.jinjiang.emergency.bench;

import cn.jinjiang.emergency.dispatch.domain.index.IndexedUnit;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Made-up but plausible available units and incident points for {@link RecommendationBench}: most in Jinjiang,
 * bunched around its towns, some in the neighbouring cities and a few elsewhere in Fujian.
 */
final class RecommendationFleet {

    private static final double SOUTH = 24.55;
    private static final double NORTH = 24.90;
    private static final double WEST = 118.40;
    private static final double EAST = 118.75;

    /** Approximate town centres: where stations, hospitals and volunteers cluster. */
    private static final double[][] TOWNS = {{24.81, 118.58}, {24.76, 118.60}, {24.72, 118.46}, {24.63, 118.65},
            {24.64, 118.68}, {24.66, 118.58}, {24.70, 118.47}, {24.80, 118.50}, {24.60, 118.57}, {24.84, 118.62}};

    private static final UnitType[] TYPES = UnitType.values();
    /** Per thousand units, in the order of {@link UnitType}: volunteers and ambulances many, helicopters few. */
    private static final int[] PER_THOUSAND = typeShares();

    private final Random random;

    RecommendationFleet(long seed) {
        this.random = new Random(seed);
    }

    List<IndexedUnit> units(int count) {
        List<IndexedUnit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UnitType type = type();
            UUID id = new UUID(random.nextLong(), random.nextLong());
            units.add(new IndexedUnit(id, callSign(type, i), type, capabilities(type), somewhere()));
        }
        return units;
    }

    /** Where incidents happen: like the units, a little more often in the county. */
    GeoPoint incident() {
        double where = random.nextDouble();
        if (where < 0.01) {
            return fujian();
        }
        return where < 0.05 ? nearby() : county();
    }

    Capability capability() {
        return Capability.values()[random.nextInt(Capability.values().length)];
    }

    int count() {
        return 1 + random.nextInt(10);
    }

    int anyOf(int size) {
        return random.nextInt(size);
    }

    /** A short move, as a unit on patrol or driving back to its station makes between two position reports. */
    GeoPoint near(GeoPoint from) {
        return new GeoPoint(from.latitude() + gaussianKm(0.5) / 111.2,
                from.longitude() + gaussianKm(0.5) / 101.0);
    }

    private GeoPoint somewhere() {
        double where = random.nextDouble();
        if (where < 0.02) {
            return fujian();
        }
        return where < 0.08 ? nearby() : county();
    }

    private GeoPoint county() {
        if (random.nextDouble() < 0.6) {
            double[] town = TOWNS[random.nextInt(TOWNS.length)];
            return new GeoPoint(town[0] + gaussianKm(2) / 111.2, town[1] + gaussianKm(2) / 101.0);
        }
        return new GeoPoint(SOUTH + random.nextDouble() * (NORTH - SOUTH), WEST + random.nextDouble() * (EAST - WEST));
    }

    /** Quanzhou, Shishi, Nan'an and the sea: within about 60 km of the county, outside it. */
    private GeoPoint nearby() {
        while (true) {
            GeoPoint point = new GeoPoint(24.72 + (random.nextDouble() * 2 - 1) * 0.55,
                    118.57 + (random.nextDouble() * 2 - 1) * 0.60);
            if (point.latitude() < SOUTH || point.latitude() > NORTH || point.longitude() < WEST
                    || point.longitude() > EAST) {
                return point;
            }
        }
    }

    private GeoPoint fujian() {
        return new GeoPoint(23.5 + random.nextDouble() * 4.8, 115.8 + random.nextDouble() * 4.9);
    }

    private UnitType type() {
        int pick = random.nextInt(1000);
        for (int i = 0; i < TYPES.length; i++) {
            pick -= PER_THOUSAND[i];
            if (pick < 0) {
                return TYPES[i];
            }
        }
        return TYPES[TYPES.length - 1];
    }

    private Set<Capability> capabilities(UnitType type) {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        switch (type) {
            case FIRE_ENGINE -> {
                capabilities.add(Capability.FIRE);
                maybe(capabilities, 0.25, Capability.HAZMAT);
                maybe(capabilities, 0.15, Capability.WATER_RESCUE);
                maybe(capabilities, 0.20, Capability.HEAVY_EQUIPMENT);
            }
            case RESCUE_TEAM -> {
                capabilities.add(Capability.SEARCH_RESCUE);
                maybe(capabilities, 0.40, Capability.WATER_RESCUE);
                maybe(capabilities, 0.30, Capability.HEAVY_EQUIPMENT);
                maybe(capabilities, 0.20, Capability.HAZMAT);
                maybe(capabilities, 0.30, Capability.MEDICAL);
            }
            case AMBULANCE -> capabilities.add(Capability.MEDICAL);
            case HELICOPTER -> {
                capabilities.add(Capability.AIR);
                maybe(capabilities, 0.60, Capability.MEDICAL);
                maybe(capabilities, 0.60, Capability.SEARCH_RESCUE);
                maybe(capabilities, 0.30, Capability.FIRE);
            }
            case DRONE_TEAM -> {
                capabilities.add(Capability.AIR);
                capabilities.add(Capability.SEARCH_RESCUE);
            }
            case VOLUNTEER_TEAM -> {
                capabilities.add(Capability.SEARCH_RESCUE);
                maybe(capabilities, 0.30, Capability.MEDICAL);
                maybe(capabilities, 0.25, Capability.WATER_RESCUE);
            }
            case MILITIA -> {
                capabilities.add(Capability.SEARCH_RESCUE);
                maybe(capabilities, 0.40, Capability.HEAVY_EQUIPMENT);
                maybe(capabilities, 0.20, Capability.FIRE);
                maybe(capabilities, 0.20, Capability.WATER_RESCUE);
            }
        }
        return capabilities;
    }

    private void maybe(Set<Capability> capabilities, double chance, Capability capability) {
        if (random.nextDouble() < chance) {
            capabilities.add(capability);
        }
    }

    private String callSign(UnitType type, int n) {
        return type.name().substring(0, 2) + "-" + n;
    }

    private double gaussianKm(double sigma) {
        return random.nextGaussian() * sigma;
    }

    private static int[] typeShares() {
        int[] shares = new int[TYPES.length];
        shares[UnitType.FIRE_ENGINE.ordinal()] = 150;
        shares[UnitType.RESCUE_TEAM.ordinal()] = 100;
        shares[UnitType.AMBULANCE.ordinal()] = 200;
        shares[UnitType.HELICOPTER.ordinal()] = 5;
        shares[UnitType.DRONE_TEAM.ordinal()] = 45;
        shares[UnitType.VOLUNTEER_TEAM.ordinal()] = 350;
        shares[UnitType.MILITIA.ordinal()] = 150;
        return shares;
    }
}
