package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocation under contention, on the running material-reserves (deploy/local/up.sh): {@code clients} dispatchers post
 * allocations back to back for a few incidents reported through intake, each asking for two or three of a handful of
 * items (one of them scarce, so it runs out during the run) at points across the county. Every allocation of an item
 * takes that item's lock, so the clients contend for the same few locks and lots. Afterwards the books are checked:
 * the ledger reconciles, and for every item the rise in reserved stock equals the sum the answers reserved and never
 * exceeds what was free (no oversell, nothing promised twice); then every allocation is cancelled, untimed, and the
 * stock must be back where it was. The stock is read and topped up through {@link ReservesStock}.
 */
public final class AllocationBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMMON = List.of("SANDBAG", "WATER-550", "QUILT", "RAINCOAT", "LIFE-JACKET");
    private static final String SCARCE = "ASSAULT-BOAT";
    /** Enough of each common item for about 40,000 allocations (1.5 units of each per allocation on average). */
    private static final int COMMON_FREE = 200_000;

    private AllocationBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int clients = options.integer("clients", BenchOption.ALLOC_CLIENTS.intFallback());
        Duration length = options.seconds("seconds", BenchOption.ALLOC_SECONDS.decimalFallback());
        Duration warmUp = options.seconds("warmup-seconds", BenchOption.ALLOC_WARMUP.decimalFallback());
        options.rejectUnknown();

        Stack stack = Stack.fromEnvironment();
        String dispatcher = System.getenv("BENCH_DISPATCHER_TOKEN");
        if (dispatcher == null || dispatcher.isBlank()) {
            throw new IllegalStateException("BENCH_DISPATCHER_TOKEN is not set; run this through deploy/local/bench.sh");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> incidents = BenchIncidents.report(stack, http, "TYPHOON",
                "bench " + Long.toString(System.currentTimeMillis(), 36) + " allocation", new double[][] {
                        {24.81, 118.58}, {24.72, 118.46}, {24.64, 118.68}, {24.66, 118.58}, {24.80, 118.50},
                        {24.85, 118.62}, {24.63, 118.57}, {24.75, 118.61}});
        BenchIncidents.awaitKnown(stack, http, dispatcher, "material-reserves", "/api/incidents/%s/allocations",
                incidents);

        String keeper = System.getenv("BENCH_KEEPER_TOKEN");
        if (keeper == null || keeper.isBlank()) {
            throw new IllegalStateException("BENCH_KEEPER_TOKEN is not set; run this through deploy/local/bench.sh");
        }
        ReservesStock reserves = new ReservesStock(stack, http);
        String toppedUp = reserves.topUp(dispatcher, keeper, COMMON, COMMON_FREE);

        List<String> items = new ArrayList<>(COMMON);
        items.add(SCARCE);
        Map<String, int[]> before = reserves.stock(dispatcher, items);
        List<String[]> created = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> reserved = new ConcurrentHashMap<>();
        items.forEach(item -> reserved.put(item, new AtomicLong()));

        Progress.say("B5: %d clients allocating for %d s untimed", clients, warmUp.toSeconds());
        AtomicInteger untimedErrors = new AtomicInteger();
        run(stack, http, incidents, clients, warmUp, Latency.histogram(), created, reserved,
                untimedErrors, new AtomicInteger());
        Histogram latency = Latency.histogram();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger shortfalls = new AtomicInteger();
        Progress.say("B5: %d clients allocating for %d s", clients, length.toSeconds());
        int counted = created.size();
        StackCpu cpu = StackCpu.local();
        CpuReading cpuBefore = cpu.reading();
        long started = System.nanoTime();
        run(stack, http, incidents, clients, length, latency, created, reserved, errors, shortfalls);
        double seconds = (System.nanoTime() - started) / 1e9;
        int done = created.size() - counted;
        String backlogAtEnd = backlog(stack);
        // Read once the stack has caught up: the gateway's picture taking the allocations in is part of their cost.
        CpuUse cpuUsed = CpuUse.between(cpuBefore, cpu.reading());

        Map<String, int[]> after = reserves.stock(dispatcher, items);
        boolean balanced = reserves.get(dispatcher, "/api/ledger/reconciliation").get("balanced").asBoolean();
        List<String> oversold = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (String item : items) {
            long rise = after.get(item)[1] - before.get(item)[1];
            if (rise != reserved.get(item).get()) {
                mismatched.add(item + " reserved rose " + rise + ", answers reserved " + reserved.get(item).get());
            }
            if (reserved.get(item).get() > before.get(item)[0] || after.get(item)[0] < 0) {
                oversold.add(item);
            }
        }
        Progress.say("B5: cancelling %d allocations", created.size());
        cancelAll(stack, http, created, clients);
        Map<String, int[]> restored = reserves.stock(dispatcher, items);
        List<String> notRestored = new ArrayList<>();
        for (String item : items) {
            if (restored.get(item)[1] != before.get(item)[1]) {
                notRestored.add(item);
            }
        }

        System.out.println();
        System.out.println("Allocation under contention: POST /api/incidents/{id}/allocations, " + clients
                + " clients back to back for " + length.toSeconds() + " s (after " + warmUp.toSeconds()
                + " s untimed), 2-3 of " + items.size() + " items per allocation, " + SCARCE + " scarce");
        System.out.printf("  throughput: %.0f allocations/s (%d in %.1f s), %d errors (%d untimed), %d with a"
                + " shortfall%n", done / seconds, done, seconds, errors.get(), untimedErrors.get(), shortfalls.get());
        System.out.println("  latency:    " + Latency.percentiles(latency, 50, 90, 99, 99.9));
        System.out.println("  backlog:    " + backlogAtEnd);
        System.out.println("  stock:      " + toppedUp);
        System.out.println("  oversold:   " + oversold.size() + (oversold.isEmpty() ? "" : " " + oversold)
                + "; reserved rise = answers' sum: " + (mismatched.isEmpty() ? "yes" : "NO " + mismatched)
                + "; ledger reconciles: " + (balanced ? "yes" : "NO")
                + "; " + SCARCE + " free " + before.get(SCARCE)[0] + " -> " + after.get(SCARCE)[0]);
        System.out.println("  after cancelling every allocation, reserved stock back where it was: "
                + (notRestored.isEmpty() ? "yes" : "NO " + notRestored));
        cpuUsed.perUnit("allocation", "", done).forEach(System.out::println);
        String figure = "b5/" + clients + "clients/";
        Figures.record(figure + "allocations_per_s", done / seconds);
        Figures.record(figure + "oversold", oversold.size());
        Figures.record(figure + "cpu_ms_per_allocation", cpuUsed.msPer(done));
    }

    private static void run(Stack stack, HttpClient http, List<String> incidents, int clients,
            Duration length, Histogram latency, List<String[]> created, Map<String, AtomicLong> reserved,
            AtomicInteger errors, AtomicInteger shortfalls) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c * 7919L + System.nanoTime());
            // Each client is a dispatcher of its own, as in the command centre: one token for all would meet the
            // services' limit of requests open per caller, not the allocation path.
            String token = BenchTokens.of("dispatcher", "allocator-" + c);
            Thread thread = new Thread(() -> {
                Histogram mine = Latency.histogram();
                while (System.nanoTime() < end) {
                    String incident = incidents.get(random.nextInt(incidents.size()));
                    String body = body(random);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service(
                                        "material-reserves", "/api/incidents/" + incident + "/allocations"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - sent;
                        if (response.statusCode() != 201) {
                            errors.incrementAndGet();
                            Progress.say("allocation refused: %d %s", response.statusCode(), response.body());
                            continue;
                        }
                        Latency.record(mine, took);
                        JsonNode sheet = JSON.readTree(response.body());
                        created.add(new String[] {incident, sheet.get("id").asText()});
                        if (sheet.get("lines").findValues("uncovered").stream().anyMatch(u -> u.asInt() > 0)) {
                            shortfalls.incrementAndGet();
                        }
                        for (JsonNode line : sheet.get("lines")) {
                            reserved.get(line.get("itemCode").asText()).addAndGet(line.get("reserved").asLong());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        Progress.say("allocation failed: %s", e);
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                }
            }, "allocator-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Two or three items, one in ten allocations asking for the scarce one too, at a point in the county. */
    private static String body(SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        List<String> pool = new ArrayList<>(COMMON);
        Collections.shuffle(pool, new java.util.Random(random.nextLong()));
        int count = 2 + random.nextInt(2);
        for (int i = 0; i < count - 1; i++) {
            lines.add("{\"itemCode\": \"" + pool.get(i) + "\", \"quantity\": " + (1 + random.nextInt(5)) + "}");
        }
        lines.add(random.nextInt(10) == 0 ? "{\"itemCode\": \"" + SCARCE + "\", \"quantity\": 2}"
                : "{\"itemCode\": \"" + pool.get(count - 1) + "\", \"quantity\": " + (1 + random.nextInt(5)) + "}");
        double lat = 24.60 + random.nextDouble() * 0.28;
        double lon = 118.45 + random.nextDouble() * 0.25;
        return "{\"lines\": [" + String.join(", ", lines) + "], \"deliveryPoint\": {\"latitude\": "
                + Math.round(lat * 1e5) / 1e5 + ", \"longitude\": " + Math.round(lon * 1e5) / 1e5 + "}}";
    }

    /**
     * What the rest of the stack still had to take in when the clients stopped, and how long it took: a rate the
     * consumers (the gateway's picture above all) cannot follow is not one the system sustains.
     */
    private static String backlog(Stack stack) throws Exception {
        try (Backlog backlog = new Backlog(stack)) {
            long outbox = backlog.outboxPending();
            long lag = backlog.consumerLag();
            Duration drained = backlog.awaitDrained(Duration.ofSeconds(300));
            return outbox + " events unpublished and " + lag + " records unconsumed when the clients stopped; "
                    + (drained == null ? "not caught up within 300 s" : "caught up " + drained.toSeconds() + " s later")
                    + " (consumers commit every few seconds)";
        }
    }

    private static void cancelAll(Stack stack, HttpClient http, List<String[]> created, int clients)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String token = BenchTokens.of("dispatcher", "canceller-" + c);
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < created.size(); i = next.getAndIncrement()) {
                    String[] allocation = created.get(i);
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service(
                                        "material-reserves", "/api/incidents/" + allocation[0] + "/allocations/"
                                                + allocation[1] + "/cancel"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"benchmark\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            Progress.say("cancel refused: %d %s", response.statusCode(), response.body());
                        }
                    } catch (Exception e) {
                        Progress.say("cancel failed: %s", e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
