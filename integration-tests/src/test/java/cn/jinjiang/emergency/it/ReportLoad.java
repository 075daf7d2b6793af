package cn.jinjiang.emergency.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duty officers' first reports at a fixed arrival rate, whatever the answers: a report is sent when it is due, not
 * when the previous one has been answered, as a typhoon night's reports arrive.
 */
final class ReportLoad implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private ReportLoad() {
    }

    static ReportLoad start(String intakeUrl, String token, String areaCode, int perSecond) {
        ReportLoad load = new ReportLoad();
        AtomicInteger sequence = new AtomicInteger();
        load.clock.scheduleAtFixedRate(() -> load.send(intakeUrl, token, areaCode, sequence.incrementAndGet()),
                0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    private void send(String intakeUrl, String token, String areaCode, int n) {
        String body = """
                {"type": "WATERLOGGING", "title": "Reported under load #%d",
                 "location": {"latitude": 24.7189, "longitude": 118.4601}, "areaCode": "%s", "occurredAt": "%s"}
                """.formatted(n, areaCode, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        HttpRequest request = HttpRequest.newBuilder(URI.create(intakeUrl + "/api/incidents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                refused.computeIfAbsent(failure.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            } else if (response.statusCode() == 201) {
                Matcher id = ID.matcher(response.body());
                if (id.find()) {
                    accepted.add(id.group(1));
                }
            } else {
                refused.computeIfAbsent(String.valueOf(response.statusCode()), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            inFlight.decrementAndGet();
        });
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** Refused reports by status code (or client exception), for the failure message. */
    Map<String, AtomicInteger> refused() {
        return refused;
    }

    /** Stops sending and waits for every answer; returns the ids of the accepted reports. */
    List<String> stop() throws InterruptedException {
        clock.shutdown();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
