package cn.jinjiang.emergency.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of chaos.sh's cold-gateway case, the efficiency issue's "a cold gateway takes its screens": the
 * picture is brought to at least {@code --incidents} open incidents (reports filed at {@code --fill-rate} if it holds
 * fewer), the gateway is killed and started again, and from the moment it answers ready {@code --screens} screens
 * connect, spread over {@code --connect-seconds}. Passes if every screen gets its snapshot within
 * {@code --snapshot-timeout-seconds} of connecting and every snapshot holds the incidents counted before the kill.
 */
public final class ColdGatewayMain {

    private static final int SCREENS_PER_CLIENT = 50;

    private ColdGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int target = options.integer("incidents", 10_000);
        double fillRate = options.decimal("fill-rate", 100);
        int screenCount = options.integer("screens", 200);
        Duration connectOver = options.seconds("connect-seconds", 10);
        Duration snapshotTimeout = options.seconds("snapshot-timeout-seconds", 120);
        Duration readyTimeout = options.seconds("ready-timeout-seconds", 400);
        Duration drainTimeout = options.seconds("drain-timeout-seconds", 300);
        Path script = Path.of(options.text("faults-script", "deploy/local/lib/faults.sh"));
        options.rejectUnknown();

        Stack stack = Readiness.readyStackOrExit(readyTimeout);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        long open = openIncidents(stack);
        // Reports shed with 503 (a cold intake sheds some) are filed again in the next round.
        for (int round = 0; open < target && round < 10; round++) {
            int missing = (int) (target - open);
            Progress.say("cold-gateway: %d incidents on the picture; filing %d more at %s/s", open, missing,
                    IntakeLatencyStage.fmt(fillRate));
            try (IntakeClient intake = new IntakeClient(stack, Duration.ofSeconds(30))) {
                ReportLoad fill = new ReportLoad(intake, ReportTitles.of(runId, "cold-gateway-fill-" + round),
                        fillRate, Duration.ofMillis(Math.round(missing * 1000 / fillRate) + 1));
                fill.send(System.nanoTime());
                fill.awaitAnswers(Duration.ofSeconds(30));
                Progress.say("cold-gateway: %d reports accepted", fill.acceptedCount());
            }
            try (Backlog backlog = new Backlog(stack)) {
                backlog.awaitDrained(drainTimeout);
            }
            open = openIncidents(stack);
        }
        Progress.say("cold-gateway: %d open incidents on the picture; killing the gateway", open);

        Fault fault = new Fault("cold-gateway", script);
        if (fault.run("inject", Duration.ofMinutes(1)) != 0) {
            throw new IllegalStateException("faults.sh inject cold-gateway failed");
        }
        long started = System.nanoTime();
        CompletableFuture<Integer> healed = CompletableFuture.supplyAsync(() -> {
            try {
                return fault.run("heal", readyTimeout);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long ready = awaitGatewayReady(stack, readyTimeout);
        Progress.say("cold-gateway: ready %.1f s after the start was asked for; %d screens connecting over %d s",
                (ready - started) / 1e9, screenCount, connectOver.toSeconds());

        Histogram toSnapshot = Latency.histogram();
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger short_ = new AtomicInteger();
        AtomicLong lastSnapshot = new AtomicLong(ready);
        ExecutorService executor = Executors.newFixedThreadPool(3, Daemon.threads("cold-screens"));
        List<Screen> screens = new ArrayList<>();
        List<CompletableFuture<Void>> snapshots = new ArrayList<>();
        long expected = open;
        try {
            HttpClient client = null;
            long spacing = connectOver.toNanos() / Math.max(1, screenCount);
            for (int i = 0; i < screenCount; i++) {
                if (i % SCREENS_PER_CLIENT == 0) {
                    client = HttpClient.newBuilder().executor(executor).build();
                }
                long due = ready + i * spacing;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Screen screen = new Screen(i, stack.screens(), BenchTokens.viewer("cold-screen-" + i), client,
                        (s, message, arrival) -> { }, false);
                screens.add(screen);
                long opened = System.nanoTime();
                snapshots.add(screen.open().thenRun(() -> {
                    long now = System.nanoTime();
                    Latency.record(toSnapshot, now - opened);
                    lastSnapshot.accumulateAndGet(now, Math::max);
                    complete.incrementAndGet();
                    if (screen.lastSnapshotIncidents().size() < expected) {
                        short_.incrementAndGet();
                    }
                }));
            }
            try {
                CompletableFuture.allOf(snapshots.toArray(CompletableFuture[]::new))
                        .get(snapshotTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Progress.say("cold-gateway: not every screen got its snapshot: %s", e);
            }
        } finally {
            screens.forEach(Screen::close);
            executor.shutdownNow();
        }
        healed.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);

        List<String> failures = new ArrayList<>();
        if (complete.get() < screenCount) {
            failures.add((screenCount - complete.get()) + " of " + screenCount + " screens got no snapshot within "
                    + snapshotTimeout.toSeconds() + " s");
        }
        if (short_.get() > 0) {
            failures.add(short_.get() + " snapshots held fewer than the " + expected + " open incidents");
        }
        if (open < target) {
            failures.add("only " + open + " open incidents on the picture, " + target + " asked for");
        }
        System.out.printf("Cold gateway: %d open incidents, %d screens connecting over %d s from readiness (run %s)%n",
                open, screenCount, connectOver.toSeconds(), runId);
        System.out.printf("  ready: %.1f s after the start was asked for%n", (ready - started) / 1e9);
        System.out.printf("  snapshots: %d of %d, connect to snapshot %s; the last %.1f s after ready%n",
                complete.get(), screenCount, Latency.percentiles(toSnapshot, 50, 99), (lastSnapshot.get() - ready) / 1e9);
        if (failures.isEmpty()) {
            System.out.println("  result: PASS (every screen got a snapshot holding every open incident)");
        } else {
            failures.forEach(failure -> System.out.println("  FAIL: " + failure));
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Incidents on the gateway's stored picture (open, or closed within the retention). */
    private static long openIncidents(Stack stack) throws Exception {
        try (Connection db = stack.database("command_gateway"); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT count(*) FROM picture_item WHERE kind = 'INCIDENT'")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Polls the gateway's readiness until it answers 200; returns when it did. */
    private static long awaitGatewayReady(Stack stack, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(stack.service("command-gateway", "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (java.io.IOException e) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout);
    }
}
