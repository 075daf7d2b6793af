package cn.jinjiang.emergency.bench;

import cn.jinjiang.emergency.dispatch.domain.index.IndexedUnit;
import cn.jinjiang.emergency.shared.contract.Capability;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recommendations over HTTP from the running resource-dispatch (deploy/local/up.sh). For each size, that many
 * synthetic AVAILABLE units (call signs BENCH-…) are added to its database beside the reference registry; the service's
 * index learns of them from the database's notifications (the harness waits for its units gauge). Then
 * {@code GET /api/incidents/{id}/recommendations?capability=…&count=5} is sent at a fixed rate for a few incidents
 * reported through intake, latency measured from each request's intended send time; afterwards the units are removed.
 */
public final class RecommendationHttpBench {

    private static final Pattern GAUGE = Pattern.compile(
            "(?m)^dispatch_recommendation_index_units(?:\\{[^}]*})?\\s+([0-9.eE+]+)");
    private static final Capability[] ASKED = {Capability.FIRE, Capability.MEDICAL, Capability.SEARCH_RESCUE,
            Capability.WATER_RESCUE, Capability.HEAVY_EQUIPMENT};

    private RecommendationHttpBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> sizes = options.list("sizes", BenchOption.UNITS.fallback());
        double rate = options.decimal("rate", BenchOption.RECOMMEND_RATE.decimalFallback());
        Duration length = options.seconds("seconds", BenchOption.RECOMMEND_SECONDS.decimalFallback());
        Duration warmUp = options.seconds("warmup-seconds", 30);
        options.rejectUnknown();

        Stack stack = Stack.fromEnvironment();
        String dispatcher = System.getenv("BENCH_DISPATCHER_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<String> incidents = BenchIncidents.report(stack, http, "FIRE", "bench " + run + " recommendation",
                new double[][] {{24.81, 118.58}, {24.72, 118.46}, {24.64, 118.68}, {24.66, 118.58}, {24.80, 118.50}});
        BenchIncidents.awaitKnown(stack, http, dispatcher, "resource-dispatch", "/api/incidents/%s", incidents);

        List<String> summary = new ArrayList<>();
        summary.add("");
        summary.add("Recommendations over HTTP: GET /api/incidents/{id}/recommendations?capability=..&count=5 at "
                + IntakeLatencyStage.fmt(rate) + "/s for " + length.toSeconds() + " s per size (after "
                + warmUp.toSeconds() + " s untimed), latency from the intended send time");
        summary.add(String.format("  %-18s %-8s %-8s %-8s %-8s %-8s %s", "units (+ registry)", "sent", "p50", "p90",
                "p99", "max", "errors"));
        List<String> cpuLines = new ArrayList<>();
        StackCpu cpu = StackCpu.local();
        try (Connection db = stack.database("resource_dispatch")) {
            removeBenchUnits(db);
            int registry = gauge(stack, http);
            for (String size : sizes) {
                int count = Integer.parseInt(size);
                insertUnits(db, run, count);
                awaitGauge(stack, http, registry + count);
                Histogram ignored = Latency.histogram();
                load(stack, http, incidents, rate, warmUp, ignored, new AtomicInteger());
                Histogram latency = Latency.histogram();
                AtomicInteger errors = new AtomicInteger();
                CpuReading before = cpu.reading();
                int sent = load(stack, http, incidents, rate, length, latency, errors);
                CpuUse used = CpuUse.between(before, cpu.reading());
                cpuLines.addAll(used.perUnit("request", "at " + count + " units", sent - errors.get()));
                String figure = "b3/http-" + count + "units/";
                if (latency.getTotalCount() > 0) {
                    Figures.recordNanosAsMs(figure + "p99_ms", latency.getValueAtPercentile(99));
                }
                Figures.record(figure + "cpu_ms_per_request", used.msPer(sent - errors.get()));
                summary.add(String.format("  %-18s %-8d %-8s %-8s %-8s %-8s %d", count + " (+" + registry + ")",
                        sent, Latency.ms(latency.getValueAtPercentile(50)), Latency.ms(latency.getValueAtPercentile(90)),
                        Latency.ms(latency.getValueAtPercentile(99)), Latency.ms(latency.getMaxValue()), errors.get()));
                Progress.say("%d units: p50 %s, p99 %s, %d errors", count, Latency.ms(latency.getValueAtPercentile(50)),
                        Latency.ms(latency.getValueAtPercentile(99)), errors.get());
                removeBenchUnits(db);
                awaitGauge(stack, http, registry);
            }
        }
        summary.addAll(cpuLines);
        summary.forEach(System.out::println);
    }

    private static int load(Stack stack, HttpClient http, List<String> incidents, double rate,
            Duration length, Histogram latency, AtomicInteger errors) throws InterruptedException {
        List<String> tokens = BenchTokens.callers("dispatcher", "recommender");
        AtomicInteger pending = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        OpenLoad.Schedule schedule = OpenLoad.run(rate, length, System.nanoTime(), (i, intended) -> {
            String incident = incidents.get(i % incidents.size());
            Capability capability = ASKED[i % ASKED.length];
            HttpRequest request = HttpRequest.newBuilder(stack.service("resource-dispatch", "/api/incidents/"
                            + incident + "/recommendations?capability=" + capability + "&count=5"))
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    .timeout(Duration.ofSeconds(30)).build();
            pending.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                Latency.record(latency, System.nanoTime() - intended);
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                    failures.add(failure != null ? failure.toString() : response.statusCode() + " " + response.body());
                }
                pending.decrementAndGet();
            });
        });
        Instant deadline = Instant.now().plusSeconds(60);
        while (pending.get() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        failures.stream().limit(3).forEach(f -> Progress.say("failed: %s", f));
        return schedule.sent();
    }

    /** A handful of incidents in different towns, reported as a duty officer would. */
    private static void insertUnits(Connection db, String run, int count) throws SQLException {
        long start = System.nanoTime();
        List<IndexedUnit> units = new RecommendationFleet(count).units(count);
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO unit (id, call_sign, type, capabilities, "
                + "area_code, crew, latitude, longitude, illustrative) VALUES (?, ?, ?, ?, '350582000000', 4, ?, ?, true)")) {
            int i = 0;
            for (IndexedUnit unit : units) {
                insert.setObject(1, unit.id());
                insert.setString(2, "BENCH-" + run + "-" + i++);
                insert.setString(3, unit.type().name());
                insert.setString(4, unit.capabilities().stream().sorted().map(Enum::name)
                        .collect(Collectors.joining(",")));
                insert.setDouble(5, unit.position().latitude());
                insert.setDouble(6, unit.position().longitude());
                insert.addBatch();
                if (i % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        vacuum(db);
        Progress.say("%d bench units added in %.1f s", count, (System.nanoTime() - start) / 1e9);
    }

    private static void removeBenchUnits(Connection db) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM unit WHERE call_sign LIKE 'BENCH-%'")) {
            int removed = delete.executeUpdate();
            if (removed > 0) {
                Progress.say("%d bench units removed", removed);
            }
        }
        vacuum(db);
    }

    /**
     * A registry does not otherwise gain or lose tens of thousands of units at once: statistics and dead rows are put
     * back to what autovacuum would leave, so the next size is measured on a table in a steady state.
     */
    private static void vacuum(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("VACUUM ANALYZE unit");
        }
    }

    private static int gauge(Stack stack, HttpClient http) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(stack.service("resource-dispatch", "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = GAUGE.matcher(metrics);
        if (!value.find()) {
            throw new IllegalStateException("resource-dispatch exposes no dispatch_recommendation_index_units gauge");
        }
        return (int) Double.parseDouble(value.group(1));
    }

    private static void awaitGauge(Stack stack, HttpClient http, int expected) throws Exception {
        awaitTrue(() -> gauge(stack, http) == expected, "the recommendation index holding " + expected + " units");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!check.ok()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
