package cn.jinjiang.emergency.bench;

import cn.jinjiang.emergency.dispatch.domain.index.Candidate;
import cn.jinjiang.emergency.dispatch.domain.index.IndexedUnit;
import cn.jinjiang.emergency.dispatch.domain.index.Reach;
import cn.jinjiang.emergency.dispatch.domain.index.StraightLineTravelTime;
import cn.jinjiang.emergency.dispatch.domain.index.TravelTime;
import cn.jinjiang.emergency.dispatch.domain.index.UnitIndex;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The recommendation index of resource-dispatch ({@link UnitIndex}) in this JVM alone, no stack needed. For each
 * size: build the index, warm the JIT up, time single {@code nearest} queries at random points (random capability,
 * count 1..10, nothing excluded), time unit moves, then compare a sample of answers with {@link UnitIndex#bruteForce}
 * on the moved units. Figures go to stdout, progress to stderr; exits 1 if any answer differs from brute force.
 */
public final class RecommendationBench {

    private static final Set<UUID> NONE = Set.of();

    private RecommendationBench() {
    }

    private record Result(int units, double buildMillis, Histogram queries, Histogram moves, int checked,
            int mismatches) {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        List<String> sizes = options.list("sizes", BenchOption.UNITS.fallback());
        int queries = options.integer("queries", BenchOption.INDEX_QUERIES.intFallback());
        int warmUp = options.integer("warmup-queries", queries / 2);
        int moves = options.integer("moves", 100_000);
        int checks = options.integer("checks", 1_000);
        long seed = options.integer("seed", 1);
        options.rejectUnknown();

        List<String> summary = new ArrayList<>();
        summary.add("");
        summary.add("Recommendation index in process (UnitIndex.nearest, straight-line travel time, helicopter "
                + "reach). Per size: " + queries + " timed queries after " + warmUp + " untimed, " + moves
                + " timed moves,");
        summary.add("then " + checks + " answers compared with bruteForce; one thread, times in microseconds");
        summary.add(String.format("  %-8s %-9s %-8s %-8s %-8s %-8s %-10s %-10s %s", "units", "build", "p50", "p90",
                "p99", "max", "move p50", "move p99", "checked (mismatches)"));
        int mismatches = 0;
        for (String size : sizes) {
            Result result = run(Integer.parseInt(size), warmUp, queries, moves, checks, seed);
            mismatches += result.mismatches();
            Figures.recordNanosAsMs("b3/index-" + result.units() + "units/p99_ms",
                    result.queries().getValueAtPercentile(99));
            summary.add(String.format("  %-8d %-9s %-8s %-8s %-8s %-8s %-10s %-10s %d (%d)", result.units(),
                    String.format("%.0f ms", result.buildMillis()), micros(result.queries().getValueAtPercentile(50)),
                    micros(result.queries().getValueAtPercentile(90)),
                    micros(result.queries().getValueAtPercentile(99)), micros(result.queries().getMaxValue()),
                    micros(result.moves().getValueAtPercentile(50)), micros(result.moves().getValueAtPercentile(99)),
                    result.checked(), result.mismatches()));
        }
        summary.forEach(System.out::println);
        System.exit(mismatches == 0 ? 0 : 1);
    }

    private static Result run(int size, int warmUp, int queries, int moves, int checks, long seed) {
        TravelTime travelTime = new StraightLineTravelTime();
        Map<UnitType, Reach> reaches = Reach.defaults();
        RecommendationFleet fleet = new RecommendationFleet(seed * 1_000_003 + size);
        List<IndexedUnit> units = fleet.units(size);
        UnitIndex index = new UnitIndex(travelTime, reaches);

        long start = System.nanoTime();
        index.replaceAll(units);
        double buildMillis = (System.nanoTime() - start) / 1e6;
        Progress.say("%d units: index built in %.0f ms; warming up with %d queries", size, buildMillis, warmUp);

        for (int i = 0; i < warmUp; i++) {
            index.nearest(fleet.incident(), fleet.capability(), fleet.count(), NONE);
        }
        // A service's index has long been promoted to the old generation; copying a freshly built one out of the young
        // generation took up to 100 ms here, which would be counted as a query's time.
        System.gc();
        Histogram queryTimes = histogram();
        long asked = 0;
        long answered = 0;
        for (int i = 0; i < queries; i++) {
            GeoPoint point = fleet.incident();
            Capability capability = fleet.capability();
            int count = fleet.count();
            long before = System.nanoTime();
            List<Candidate> answer = index.nearest(point, capability, count, NONE);
            queryTimes.recordValue(Math.max(1, System.nanoTime() - before));
            asked += count;
            answered += answer.size();
        }
        // Also keeps the answers alive, so the JIT cannot drop the work.
        Progress.say("%d units: %d queries timed, p50 %s us, p99 %s us, %.1f of %.1f units asked for found on average",
                size, queries, micros(queryTimes.getValueAtPercentile(50)),
                micros(queryTimes.getValueAtPercentile(99)), (double) answered / queries, (double) asked / queries);

        Histogram moveTimes = histogram();
        for (int i = 0; i < moves + moves / 10; i++) {
            int which = fleet.anyOf(size);
            IndexedUnit moved = units.get(which).at(fleet.near(units.get(which).position()));
            units.set(which, moved);
            long before = System.nanoTime();
            index.put(moved);
            // The first tenth only warms the JIT up.
            if (i >= moves / 10) {
                moveTimes.recordValue(Math.max(1, System.nanoTime() - before));
            }
        }

        int mismatches = 0;
        for (int i = 0; i < checks; i++) {
            GeoPoint point = fleet.incident();
            Capability capability = fleet.capability();
            int count = fleet.count();
            List<Candidate> expected = UnitIndex.bruteForce(units, travelTime, reaches, point, capability, count, NONE);
            List<Candidate> actual = index.nearest(point, capability, count, NONE);
            if (!expected.equals(actual)) {
                mismatches++;
                Progress.say("MISMATCH at %s, %s x%d:%n  expected %s%n  actual   %s", point, capability, count,
                        expected, actual);
            }
        }
        Progress.say("%d units: %d answers compared with bruteForce after the moves, %d mismatches", size, checks,
                mismatches);
        return new Result(size, buildMillis, queryTimes, moveTimes, checks, mismatches);
    }

    private static Histogram histogram() {
        return new Histogram(1, TimeUnit.SECONDS.toNanos(10), 3);
    }

    private static String micros(double nanos) {
        return String.format(nanos >= 100_000 ? "%.0f" : "%.1f", nanos / 1000);
    }
}
