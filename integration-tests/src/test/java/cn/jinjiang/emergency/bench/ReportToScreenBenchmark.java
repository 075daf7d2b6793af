package cn.jinjiang.emergency.bench;

import cn.jinjiang.emergency.shared.testing.ScreenClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures report-to-screen latency on a running stack (deploy/local/up.sh): a duty officer posts first reports to
 * intake and a screen connected to the gateway times each one's arrival. Run it through deploy/local/bench.sh.
 *
 * <p>Arguments: intake base URL, gateway WebSocket URL, duty-officer token, viewer token, sequential reports,
 * reports in the burst.
 */
public final class ReportToScreenBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReportToScreenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String intake = args[0];
        URI gateway = URI.create(args[1]);
        String dutyOfficer = args[2];
        String viewer = args[3];
        int sequential = Integer.parseInt(args[4]);
        int burst = Integer.parseInt(args[5]);

        try (ScreenClient screen = ScreenClient.connect(gateway, viewer)) {
            screen.await(m -> m.path("kind").asText().equals("snapshot"), Duration.ofSeconds(10));
            for (int i = 0; i < 5; i++) {
                String warmUp = report(intake, dutyOfficer, "Warm-up " + i).join();
                screen.await(m -> warmUp.equals(m.path("incident").path("id").asText()), Duration.ofSeconds(30));
            }

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < sequential; i++) {
                long start = System.nanoTime();
                String id = report(intake, dutyOfficer, "Sequential " + i).join();
                screen.await(m -> id.equals(m.path("incident").path("id").asText()), Duration.ofSeconds(30));
                latencies.add((System.nanoTime() - start) / 1_000_000);
            }
            print("sequential report -> screen (ms)", latencies);

            long burstStart = System.nanoTime();
            List<CompletableFuture<String>> posted = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                posted.add(report(intake, dutyOfficer, "Burst " + i));
            }
            for (CompletableFuture<String> report : posted) {
                String id = report.join();
                screen.await(m -> id.equals(m.path("incident").path("id").asText()), Duration.ofSeconds(60));
            }
            double seconds = (System.nanoTime() - burstStart) / 1e9;
            System.out.printf("burst: %d concurrent reports all on screen in %.2f s (%.1f reports/s)%n",
                    burst, seconds, burst / seconds);
        }
    }

    private static CompletableFuture<String> report(String intake, String token, String title) {
        String body = """
                {"type": "WATERLOGGING", "title": "%s", "location": {"latitude": 24.7189, "longitude": 118.4601},
                 "areaCode": "350582100000", "occurredAt": "%s"}
                """.formatted(title, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/api/incidents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("report refused: " + response.statusCode() + " " + response.body());
            }
            return id.group(1);
        });
    }

    private static void print(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d p50=%d p95=%d p99=%d max=%d%n", what, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
