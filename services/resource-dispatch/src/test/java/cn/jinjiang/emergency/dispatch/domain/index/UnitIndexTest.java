package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index against the brute-force reference, on seeded random layouts and on hand-made edge cases. */
class UnitIndexTest {

    private static final double SOUTH = 24.55;
    private static final double NORTH = 24.90;
    private static final double WEST = 118.40;
    private static final double EAST = 118.75;
    private static final GeoPoint JINJIANG = new GeoPoint(24.72, 118.57);
    private static final Set<UUID> NONE = Set.of();
    private static final TravelTime STRAIGHT = new StraightLineTravelTime();
    private static final Map<UnitType, Reach> REACHES = Reach.defaults();

    /** The index, and the same units in a plain map for the reference answer. */
    private final Map<UUID, IndexedUnit> model = new LinkedHashMap<>();
    private UnitIndex index = new UnitIndex(STRAIGHT, REACHES);

    @Test
    void matchesBruteForceOverTheCounty() {
        Random random = new Random(11);
        putAll(randomUnits(random, 3000, 0.05));
        int full = 0;
        for (int i = 0; i < 300; i++) {
            GeoPoint point = i % 3 == 0 ? edgePoint(random) : countyPoint(random);
            for (Capability capability : Capability.values()) {
                int count = new int[] {1, 2, 5, 10, 40}[random.nextInt(5)];
                if (assertSameAsBruteForce(point, capability, count, NONE).size() == count) {
                    full++;
                }
            }
        }
        // Otherwise the comparisons above could all be of empty answers.
        assertTrue(full > 1500, "full answers: " + full);
    }

    @Test
    void matchesBruteForceFromFarOutside() {
        Random random = new Random(12);
        putAll(randomUnits(random, 2000, 0.10));
        List<GeoPoint> points = new ArrayList<>(List.of(new GeoPoint(39.90, 116.40), new GeoPoint(24.48, 118.09),
                new GeoPoint(26.07, 119.30), new GeoPoint(-33.87, 151.21), new GeoPoint(0, 0),
                new GeoPoint(90, 0), new GeoPoint(-90, 180), new GeoPoint(24.7, -61.3), new GeoPoint(24.7, 180),
                new GeoPoint(24.7, -180), new GeoPoint(25.60, 118.57), new GeoPoint(24.72, 119.60)));
        for (int i = 0; i < 100; i++) {
            points.add(worldPoint(random));
        }
        for (GeoPoint point : points) {
            for (Capability capability : Capability.values()) {
                assertSameAsBruteForce(point, capability, 1 + random.nextInt(10), NONE);
            }
        }
    }

    @Test
    void matchesBruteForceWithUnitsAllOverTheWorld() {
        Random random = new Random(13);
        List<IndexedUnit> units = randomUnits(random, 1500, 0);
        for (int i = 0; i < 1500; i++) {
            units.add(randomUnit(random, worldPoint(random)));
        }
        putAll(units);
        for (int i = 0; i < 300; i++) {
            GeoPoint point = i % 2 == 0 ? worldPoint(random) : countyPoint(random);
            Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
            assertSameAsBruteForce(point, capability, 1 + random.nextInt(10), NONE);
        }
    }

    @Test
    void findsTheUnitAcrossTheAntimeridianAndOverThePole() {
        IndexedUnit east = unit("EAST", UnitType.FIRE_ENGINE, new GeoPoint(10, 179.999), Capability.FIRE);
        IndexedUnit west = unit("WEST", UnitType.FIRE_ENGINE, new GeoPoint(10, -179.998), Capability.FIRE);
        IndexedUnit farWest = unit("FAR", UnitType.FIRE_ENGINE, new GeoPoint(10, 170), Capability.FIRE);
        IndexedUnit north = unit("NORTH", UnitType.FIRE_ENGINE, new GeoPoint(89.99, 0), Capability.FIRE);
        IndexedUnit beyondPole = unit("POLE", UnitType.FIRE_ENGINE, new GeoPoint(89.99, 180), Capability.FIRE);
        putAll(List.of(east, west, farWest, north, beyondPole));

        assertEquals(List.of(west, east), units(assertSameAsBruteForce(new GeoPoint(10, -179.999),
                Capability.FIRE, 2, NONE)));
        assertEquals(List.of(east, west), units(assertSameAsBruteForce(new GeoPoint(10, 179.9999),
                Capability.FIRE, 2, NONE)));
        // 2.2 km over the pole against 1,100 km along the parallel.
        assertEquals(List.of(beyondPole, north), units(assertSameAsBruteForce(new GeoPoint(89.99, 179),
                Capability.FIRE, 2, NONE)));
    }

    @Test
    void offersOnlyTheUnitsOfTheJurisdictionAskedFor() {
        Random random = new Random(15);
        // Two bureaus' units mixed over one county, as Jinjiang's and Licheng's meet at their border.
        putAll(randomUnits(random, 2000, 0.05).stream()
                .map(u -> new IndexedUnit(u.id(), u.callSign(), u.type(), u.capabilities(), u.position(),
                        random.nextBoolean() ? "350582" : "350502"))
                .toList());
        int full = 0;
        for (int i = 0; i < 200; i++) {
            GeoPoint point = i % 4 == 0 ? edgePoint(random) : countyPoint(random);
            Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
            int count = 1 + random.nextInt(8);
            String jurisdiction = random.nextBoolean() ? "350582" : "350502";
            List<Candidate> expected = UnitIndex.bruteForce(model.values(), STRAIGHT, REACHES, point, capability,
                    count, NONE, jurisdiction);
            List<Candidate> actual = index.nearest(point, capability, count, NONE, jurisdiction);
            assertEquals(expected, actual, () -> "at " + point + ", " + capability + " x" + count);
            actual.forEach(c -> assertEquals(jurisdiction, c.unit().jurisdiction(), "another bureau's unit offered"));
            if (actual.size() == count) {
                full++;
            }
        }
        assertTrue(full > 100, "full answers: " + full);
        // Without a jurisdiction, either bureau's.
        assertEquals(2, index.nearest(JINJIANG, Capability.FIRE, 40, NONE).stream()
                .map(c -> c.unit().jurisdiction()).distinct().count());
    }

    @Test
    void leavesOutExcludedUnits() {
        Random random = new Random(14);
        putAll(randomUnits(random, 2000, 0.05));
        List<UUID> ids = new ArrayList<>(model.keySet());
        for (int i = 0; i < 200; i++) {
            GeoPoint point = i % 4 == 0 ? edgePoint(random) : countyPoint(random);
            Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
            int count = 1 + random.nextInt(8);
            List<Candidate> unrestricted = assertSameAsBruteForce(point, capability, count, NONE);
            // The best ones (what a dispatcher already assigned) and some at random.
            Set<UUID> excluded = new HashSet<>();
            unrestricted.stream().limit(1 + random.nextInt(3)).forEach(c -> excluded.add(c.unit().id()));
            for (int j = 0; j < 50; j++) {
                excluded.add(ids.get(random.nextInt(ids.size())));
            }
            List<Candidate> restricted = assertSameAsBruteForce(point, capability, count, excluded);
            restricted.forEach(c -> assertFalse(excluded.contains(c.unit().id()), "excluded unit offered"));
            if (!unrestricted.isEmpty()) {
                assertNotEquals(unrestricted, restricted);
            }
        }
    }

    @Test
    void followsMovesAndRemovals() {
        Random random = new Random(15);
        putAll(randomUnits(random, 2000, 0.05));
        Set<UUID> removed = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<UUID> ids = new ArrayList<>(model.keySet());
            for (int i = 0; i < 300; i++) {
                IndexedUnit unit = model.get(ids.get(random.nextInt(ids.size())));
                GeoPoint to = random.nextInt(20) == 0 ? worldPoint(random) : random.nextInt(10) == 0
                        ? countyPoint(random) : nudge(random, unit.position());
                put(unit.at(to));
            }
            for (int i = 0; i < 80; i++) {
                UUID id = ids.get(random.nextInt(ids.size()));
                if (model.remove(id) != null) {
                    index.remove(id);
                    removed.add(id);
                }
            }
            putAll(randomUnits(random, 80, 0.05));
            assertEquals(model.size(), index.size());
            List<IndexedUnit> now = new ArrayList<>(model.values());
            for (int i = 0; i < 60; i++) {
                // Also right beside some unit, wherever it went: outliers are the grids' edges.
                GeoPoint point = i % 3 == 0 ? edgePoint(random) : i % 3 == 1 ? countyPoint(random)
                        : nudge(random, now.get(random.nextInt(now.size())).position(), 1);
                Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
                List<Candidate> answer = assertSameAsBruteForce(point, capability, 1 + random.nextInt(10), NONE);
                answer.forEach(c -> assertFalse(removed.contains(c.unit().id()), "removed unit offered"));
                answer.forEach(c -> assertEquals(model.get(c.unit().id()).position(), c.unit().position()));
            }
        }
    }

    @Test
    void aUnitPutAgainReplacesItself() {
        IndexedUnit engine = unit("E1", UnitType.FIRE_ENGINE, JINJIANG, Capability.FIRE, Capability.HAZMAT);
        put(engine);
        IndexedUnit moved = new IndexedUnit(engine.id(), "E1", UnitType.FIRE_ENGINE, Set.of(Capability.FIRE),
                new GeoPoint(24.80, 118.60));
        put(moved);
        assertEquals(1, index.size());
        assertEquals(List.of(), assertSameAsBruteForce(JINJIANG, Capability.HAZMAT, 5, NONE));
        List<Candidate> fire = assertSameAsBruteForce(JINJIANG, Capability.FIRE, 5, NONE);
        assertEquals(List.of(moved), units(fire));
        assertEquals(JINJIANG.kmTo(moved.position()), fire.get(0).km(), 1e-9);
    }

    @Test
    void offersHelicoptersOnlyWithin100Km() {
        GeoPoint incident = JINJIANG;
        IndexedUnit near = unit("H-NEAR", UnitType.HELICOPTER, north(incident, 50), Capability.AIR);
        IndexedUnit edge = unit("H-EDGE", UnitType.HELICOPTER, north(incident, 99.9), Capability.AIR);
        IndexedUnit beyond = unit("H-BEYOND", UnitType.HELICOPTER, north(incident, 100.2), Capability.AIR);
        IndexedUnit far = unit("H-FAR", UnitType.HELICOPTER, new GeoPoint(39.9, 116.4), Capability.AIR);
        // A drone team has no reach: offered however far.
        IndexedUnit drones = unit("D-FAR", UnitType.DRONE_TEAM, new GeoPoint(39.9, 116.4), Capability.AIR);
        putAll(List.of(near, edge, beyond, far, drones));

        assertEquals(List.of(near, edge, drones), units(assertSameAsBruteForce(incident, Capability.AIR, 10, NONE)));
        // Near Beijing the Beijing helicopter is offered, first, and none of the Jinjiang ones.
        assertEquals(List.of(far, drones), units(assertSameAsBruteForce(north(far.position(), -60), Capability.AIR,
                10, NONE)));
    }

    @Test
    void offersHelicoptersOnlyWithin120Minutes() {
        // Low cloud: every flight takes 80 minutes longer, so the time limit binds before the distance limit.
        TravelTime weather = new TravelTime() {
            @Override
            public double minutes(UnitType type, GeoPoint from, GeoPoint to) {
                return atLeastMinutes(type, from.kmTo(to));
            }

            @Override
            public double atLeastMinutes(UnitType type, double km) {
                return STRAIGHT.atLeastMinutes(type, km) + (type == UnitType.HELICOPTER ? 80 : 0);
            }
        };
        index = new UnitIndex(weather, REACHES);
        IndexedUnit at40 = unit("H40", UnitType.HELICOPTER, north(JINJIANG, 40), Capability.AIR);
        IndexedUnit at65 = unit("H65", UnitType.HELICOPTER, north(JINJIANG, 65), Capability.AIR);
        IndexedUnit at70 = unit("H70", UnitType.HELICOPTER, north(JINJIANG, 70), Capability.AIR);
        IndexedUnit at90 = unit("H90", UnitType.HELICOPTER, north(JINJIANG, 90), Capability.AIR);
        putAll(List.of(at40, at65, at70, at90));

        List<Candidate> answer = index.nearest(JINJIANG, Capability.AIR, 10, NONE);
        assertEquals(List.of(at40, at65), units(answer));
        assertEquals(answer, UnitIndex.bruteForce(model.values(), weather, REACHES, JINJIANG, Capability.AIR, 10,
                NONE));
        assertTrue(answer.get(1).etaMinutes() <= 120 && answer.get(1).etaMinutes() > 119);
    }

    @Test
    void breaksTiesByCallSignThenId() {
        GeoPoint base = new GeoPoint(24.70, 118.55);
        IndexedUnit b = unit(new UUID(0, 1), "B", base);
        IndexedUnit a2 = unit(new UUID(0, 9), "A", base);
        IndexedUnit a1 = unit(new UUID(0, 3), "A", base);
        IndexedUnit c = unit(new UUID(0, 2), "C", base);
        IndexedUnit sooner = unit(new UUID(0, 4), "Z", new GeoPoint(24.705, 118.55));
        putAll(List.of(b, a2, a1, c, sooner));

        assertEquals(List.of(sooner, a1, a2, b), units(assertSameAsBruteForce(new GeoPoint(24.71, 118.55),
                Capability.FIRE, 4, NONE)));
        assertEquals(List.of(a1, a2, b), units(assertSameAsBruteForce(base, Capability.FIRE, 3, Set.of(sooner.id()))));

        // Many equal estimates across the k-th place, all over the county.
        Random random = new Random(16);
        for (int i = 0; i < 600; i++) {
            GeoPoint spot = new GeoPoint(24.60 + random.nextInt(5) * 0.05, 118.45 + random.nextInt(5) * 0.05);
            put(unit(UUID.randomUUID(), "T" + random.nextInt(30), spot));
        }
        for (int i = 0; i < 100; i++) {
            GeoPoint spot = new GeoPoint(24.60 + random.nextInt(5) * 0.05, 118.45 + random.nextInt(5) * 0.05);
            assertSameAsBruteForce(i % 2 == 0 ? spot : countyPoint(random), Capability.FIRE, 1 + random.nextInt(30),
                    NONE);
        }
    }

    @Test
    void returnsEveryMatchWhenAskedForMore() {
        Random random = new Random(17);
        putAll(randomUnits(random, 500, 0.1));
        long air = model.values().stream().filter(u -> u.capabilities().contains(Capability.AIR)).count();
        List<Candidate> all = assertSameAsBruteForce(JINJIANG, Capability.AIR, 10_000, NONE);
        assertTrue(all.size() > 5 && all.size() <= air, all.size() + " of " + air);
        assertEquals(model.values().stream().filter(u -> u.capabilities().contains(Capability.AIR))
                .filter(u -> u.type() != UnitType.HELICOPTER || u.position().kmTo(JINJIANG) <= 100).count(),
                all.size());
        assertEquals(all, index.nearest(JINJIANG, Capability.AIR, Integer.MAX_VALUE, NONE));
    }

    @Test
    void answersNothingWhenEmpty() {
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.FIRE, 5, NONE));
        assertEquals(0, index.size());

        IndexedUnit engine = unit("E1", UnitType.FIRE_ENGINE, JINJIANG, Capability.FIRE);
        put(engine);
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.FIRE, 0, NONE));
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.MEDICAL, 5, NONE));
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.FIRE, 5, Set.of(engine.id())));
        index.remove(engine.id());
        index.remove(engine.id());
        assertEquals(0, index.size());
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.FIRE, 5, NONE));

        Random random = new Random(18);
        index.replaceAll(randomUnits(random, 100, 0));
        assertEquals(100, index.size());
        index.clear();
        assertEquals(0, index.size());
        assertEquals(List.of(), index.nearest(JINJIANG, Capability.FIRE, 5, NONE));
    }

    @Test
    void replaceAllStartsAfresh() {
        Random random = new Random(19);
        putAll(randomUnits(random, 300, 0));
        List<IndexedUnit> fresh = randomUnits(random, 400, 0.05);
        index.replaceAll(fresh);
        model.clear();
        fresh.forEach(u -> model.put(u.id(), u));
        assertEquals(400, index.size());
        for (int i = 0; i < 50; i++) {
            assertSameAsBruteForce(countyPoint(random), Capability.values()[i % Capability.values().length], 5, NONE);
        }
    }

    @Test
    void readsFewUnitsForAQueryInTheCounty() {
        AtomicLong estimates = new AtomicLong();
        TravelTime counting = new TravelTime() {
            @Override
            public double minutes(UnitType type, GeoPoint from, GeoPoint to) {
                estimates.incrementAndGet();
                return STRAIGHT.minutes(type, from, to);
            }

            @Override
            public double atLeastMinutes(UnitType type, double km) {
                return STRAIGHT.atLeastMinutes(type, km);
            }
        };
        index = new UnitIndex(counting, REACHES);
        Random random = new Random(20);
        putAll(randomUnits(random, 10_000, 0.05));
        for (int i = 0; i < 100; i++) {
            index.nearest(countyPoint(random), Capability.SEARCH_RESCUE, 5, NONE);
        }
        // SEARCH_RESCUE is the commonest capability; a scan would estimate thousands per query.
        assertTrue(estimates.get() < 100 * 300, "estimates for 100 queries: " + estimates.get());
    }

    @Test
    void distanceBoundNeverExceedsTheTrueDistance() {
        Random random = new Random(21);
        for (int i = 0; i < 200_000; i++) {
            GeoPoint from = i % 2 == 0 ? worldPoint(random) : countyPoint(random);
            int radius = random.nextInt(i % 3 == 0 ? 3 : 2000);
            GeoPoint to = i % 4 == 0 ? worldPoint(random) : i % 4 == 1 ? countyPoint(random)
                    : nudge(random, from, (radius + 2) * GridGeometry.CELL_KM * 3);
            int row = GridGeometry.row(from.latitude());
            int column = GridGeometry.column(from.longitude());
            boolean outside = Math.max(Math.abs(GridGeometry.row(to.latitude()) - row),
                    Math.abs(GridGeometry.column(to.longitude()) - column)) > radius;
            if (outside) {
                double bound = GridGeometry.kmOutsideBlock(from.latitude(), from.longitude(),
                        Math.cos(Math.toRadians(from.latitude())), row, column, radius);
                assertTrue(bound <= from.kmTo(to), from + " " + to + " radius " + radius + ": " + bound);
            }
        }
    }

    @Test
    void distanceBoundHoldsJustOutsideTheBlock() {
        Random random = new Random(26);
        double tiny = 1e-7;
        int checked = 0;
        for (int i = 0; i < 50_000; i++) {
            GeoPoint from = switch (i % 3) {
                case 0 -> countyPoint(random);
                case 1 -> worldPoint(random);
                default -> new GeoPoint((random.nextBoolean() ? 1 : -1) * (60 + random.nextDouble() * 29.9),
                        random.nextDouble() * 360 - 180);
            };
            int radius = random.nextInt(i % 2 == 0 ? 20 : 3000);
            int row = GridGeometry.row(from.latitude());
            int column = GridGeometry.column(from.longitude());
            double south = (row - radius) * GridGeometry.CELL_LAT_DEGREES;
            double north = (row + radius + 1) * GridGeometry.CELL_LAT_DEGREES;
            double west = (column - radius) * GridGeometry.CELL_LON_DEGREES;
            double east = (column + radius + 1) * GridGeometry.CELL_LON_DEGREES;
            // The nearest places the bound has to cover: straight across each edge, and inside the band's corners.
            double[][] targets = {{north + tiny, from.longitude()}, {south - tiny, from.longitude()},
                    {from.latitude(), east + tiny}, {from.latitude(), west - tiny}, {north - tiny, east + tiny},
                    {south + tiny, west - tiny}, {north - tiny, west - tiny}, {south + tiny, east + tiny}};
            double bound = GridGeometry.kmOutsideBlock(from.latitude(), from.longitude(),
                    Math.cos(Math.toRadians(from.latitude())), row, column, radius);
            for (double[] target : targets) {
                if (Math.abs(target[0]) > 90) {
                    continue;
                }
                GeoPoint to = new GeoPoint(target[0], ((target[1] + 540) % 360) - 180);
                if (Math.max(Math.abs(GridGeometry.row(to.latitude()) - row),
                        Math.abs(GridGeometry.column(to.longitude()) - column)) > radius) {
                    checked++;
                    assertTrue(bound <= from.kmTo(to), from + " " + to + " radius " + radius + ": " + bound);
                }
            }
        }
        assertTrue(checked > 200_000, "checked " + checked);
    }

    @Test
    void findsEqualEstimatesAnywhereWhenTheBoundIsFlat() {
        // A provider that knows nothing of distance: every unit of a type the same time away, bound included.
        TravelTime flat = new TravelTime() {
            @Override
            public double minutes(UnitType type, GeoPoint from, GeoPoint to) {
                return type.turnOutMinutes();
            }

            @Override
            public double atLeastMinutes(UnitType type, double km) {
                return type.turnOutMinutes();
            }
        };
        index = new UnitIndex(flat, Map.of());
        Random random = new Random(27);
        putAll(randomUnits(random, 2000, 0.2));
        for (int i = 0; i < 50; i++) {
            GeoPoint point = countyPoint(random);
            Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
            int count = 1 + random.nextInt(10);
            assertEquals(UnitIndex.bruteForce(model.values(), flat, Map.of(), point, capability, count, NONE),
                    index.nearest(point, capability, count, NONE));
        }
    }

    @Test
    void survivesConcurrentReadersAndWriters() throws Exception {
        Random random = new Random(22);
        putAll(randomUnits(random, 3000, 0.05));
        List<IndexedUnit> units = new ArrayList<>(model.values());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                Random moves = new Random(23);
                for (int i = 0; i < 20_000; i++) {
                    IndexedUnit unit = units.get(moves.nextInt(units.size()));
                    if (i % 10 == 0) {
                        index.remove(unit.id());
                    } else {
                        index.put(unit.at(countyPoint(moves)));
                    }
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                long seed = 24 + r;
                readers.add(pool.submit(() -> {
                    Random queries = new Random(seed);
                    for (int i = 0; i < 5_000; i++) {
                        Capability capability = Capability.values()[queries.nextInt(Capability.values().length)];
                        List<Candidate> answer = index.nearest(countyPoint(queries), capability, 8, NONE);
                        Set<UUID> seen = new HashSet<>();
                        for (int j = 0; j < answer.size(); j++) {
                            assertTrue(answer.get(j).unit().capabilities().contains(capability));
                            assertTrue(seen.add(answer.get(j).unit().id()), "a unit offered twice");
                            assertTrue(j == 0 || Candidate.RANKING.compare(answer.get(j - 1), answer.get(j)) < 0);
                        }
                    }
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsPointsOffTheGlobeAndNegativeCounts() {
        assertThrows(IllegalArgumentException.class,
                () -> index.nearest(new GeoPoint(Double.NaN, 118), Capability.FIRE, 5, NONE));
        assertThrows(IllegalArgumentException.class,
                () -> index.nearest(new GeoPoint(24.7, 181), Capability.FIRE, 5, NONE));
        assertThrows(IllegalArgumentException.class, () -> index.nearest(JINJIANG, Capability.FIRE, -1, NONE));
        assertThrows(IllegalArgumentException.class,
                () -> index.put(unit("X", UnitType.AMBULANCE, new GeoPoint(91, 0), Capability.MEDICAL)));
        assertEquals(0, index.size());
    }

    @Test
    void straightLineTimeIsTurnOutPlusDistanceAtSpeed() {
        GeoPoint from = new GeoPoint(24.70, 118.55);
        GeoPoint to = north(from, 45);
        assertEquals(45, from.kmTo(to), 1e-9);
        assertEquals(1.5 + 60, STRAIGHT.minutes(UnitType.FIRE_ENGINE, from, to), 1e-9);
        assertEquals(20 + 13.5, STRAIGHT.minutes(UnitType.HELICOPTER, from, to), 1e-9);
        assertEquals(STRAIGHT.minutes(UnitType.AMBULANCE, from, to), STRAIGHT.atLeastMinutes(UnitType.AMBULANCE, 45),
                1e-9);
    }

    private List<Candidate> assertSameAsBruteForce(GeoPoint point, Capability capability, int count,
            Set<UUID> excluded) {
        List<Candidate> expected = UnitIndex.bruteForce(model.values(), STRAIGHT, REACHES, point, capability, count,
                excluded);
        List<Candidate> actual = index.nearest(point, capability, count, excluded);
        assertEquals(expected, actual, () -> "at " + point + ", " + capability + " x" + count);
        return actual;
    }

    private void put(IndexedUnit unit) {
        model.put(unit.id(), unit);
        index.put(unit);
    }

    private void putAll(List<IndexedUnit> units) {
        units.forEach(this::put);
    }

    private static List<IndexedUnit> units(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::unit).toList();
    }

    private static IndexedUnit unit(String callSign, UnitType type, GeoPoint position, Capability... capabilities) {
        return new IndexedUnit(UUID.randomUUID(), callSign, type, Set.of(capabilities), position);
    }

    private static IndexedUnit unit(UUID id, String callSign, GeoPoint position) {
        return new IndexedUnit(id, callSign, UnitType.FIRE_ENGINE, Set.of(Capability.FIRE), position);
    }

    /** Mostly in the county; {@code outside} of them within 150 km of it. */
    private static List<IndexedUnit> randomUnits(Random random, int count, double outside) {
        List<IndexedUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeoPoint position = random.nextDouble() < outside
                    ? nudge(random, JINJIANG, 150) : countyPoint(random);
            units.add(randomUnit(random, position));
        }
        return units;
    }

    private static IndexedUnit randomUnit(Random random, GeoPoint position) {
        UnitType type = UnitType.values()[random.nextInt(UnitType.values().length)];
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        capabilities.add(switch (type) {
            case FIRE_ENGINE -> Capability.FIRE;
            case AMBULANCE -> Capability.MEDICAL;
            case HELICOPTER, DRONE_TEAM -> Capability.AIR;
            case RESCUE_TEAM, VOLUNTEER_TEAM, MILITIA -> Capability.SEARCH_RESCUE;
        });
        for (Capability extra : Capability.values()) {
            if (random.nextInt(5) == 0) {
                capabilities.add(extra);
            }
        }
        // Few distinct call signs, so that equal estimates meet equal call signs now and then.
        String callSign = type.name().charAt(0) + "-" + random.nextInt(400);
        return new IndexedUnit(UUID.randomUUID(), callSign, type, capabilities, position);
    }

    private static GeoPoint countyPoint(Random random) {
        // Rounded to ~10 m, so that units and points often share a spot and ties happen.
        double latitude = SOUTH + Math.round(random.nextDouble() * (NORTH - SOUTH) * 1e4) / 1e4;
        double longitude = WEST + Math.round(random.nextDouble() * (EAST - WEST) * 1e4) / 1e4;
        return new GeoPoint(latitude, longitude);
    }

    /** On the county's boundary or just either side of it, corners included. */
    private static GeoPoint edgePoint(Random random) {
        double off = (random.nextDouble() - 0.5) * 0.02;
        double along = random.nextDouble();
        return switch (random.nextInt(5)) {
            case 0 -> new GeoPoint(SOUTH + off, WEST + along * (EAST - WEST));
            case 1 -> new GeoPoint(NORTH + off, WEST + along * (EAST - WEST));
            case 2 -> new GeoPoint(SOUTH + along * (NORTH - SOUTH), WEST + off);
            case 3 -> new GeoPoint(SOUTH + along * (NORTH - SOUTH), EAST + off);
            default -> new GeoPoint(random.nextBoolean() ? SOUTH : NORTH, random.nextBoolean() ? WEST : EAST);
        };
    }

    /** Uniform over the sphere. */
    private static GeoPoint worldPoint(Random random) {
        double latitude = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
        return new GeoPoint(latitude, random.nextDouble() * 360 - 180);
    }

    private static GeoPoint nudge(Random random, GeoPoint from) {
        return nudge(random, from, 3);
    }

    /** Somewhere within about {@code km} of {@code from}, kept on the globe. */
    private static GeoPoint nudge(Random random, GeoPoint from, double km) {
        double latitude = from.latitude() + (random.nextDouble() * 2 - 1) * km / 111.2;
        double longitude = from.longitude() + (random.nextDouble() * 2 - 1) * km / 111.2
                / Math.max(0.05, Math.cos(Math.toRadians(from.latitude())));
        latitude = Math.max(-90, Math.min(90, latitude));
        longitude = ((longitude + 540) % 360) - 180;
        return new GeoPoint(latitude, longitude);
    }

    /** {@code km} due north of {@code from} on the haversine's sphere. */
    private static GeoPoint north(GeoPoint from, double km) {
        return new GeoPoint(from.latitude() + Math.toDegrees(km / 6371.0088), from.longitude());
    }
}
