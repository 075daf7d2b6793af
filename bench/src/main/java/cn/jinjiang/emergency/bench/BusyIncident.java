package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The busy-incident case of deploy/local/chaos.sh: thousands of follow-ups on one incident before the gateway is
 * killed and started again with default settings. A gateway that kept the whole chain in the incident's item wrote a
 * multi-megabyte item per follow-up and, restarted, ran out of memory on the same batch each time; the audit asks
 * that it comes back, counts every report and keeps the item within its bound.
 */
final class BusyIncident {

    /** The gateway's default bound on an incident's item (emergency.gateway.incident.max-item-bytes). */
    static final int MAX_ITEM_BYTES = 16_384;
    private static final int IN_FLIGHT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String incidentId;
    private int accepted;

    BusyIncident(Stack stack) {
        this.stack = stack;
    }

    /** Reports the incident and files {@code followUps} follow-ups on it, a few at a time; returns those accepted. */
    int file(String title, int followUps) throws Exception {
        String first = """
                {"type":"WATERLOGGING","title":"%s","location":{"latitude":24.7189,"longitude":118.4601},\
                "areaCode":"350582100000","occurredAt":"%s"}""".formatted(title,
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(1).withNano(0));
        HttpResponse<String> created = post(stack.service("incident-intake", "/api/incidents"), first).join();
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the busy incident was not reported: " + created.statusCode());
        }
        incidentId = JSON.readTree(created.body()).path("id").asText();
        URI reports = stack.service("incident-intake", "/api/incidents/" + incidentId + "/reports");
        accepted = 1;
        for (int sent = 0; sent < followUps; sent += IN_FLIGHT) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = sent; i < Math.min(followUps, sent + IN_FLIGHT); i++) {
                batch.add(post(reports, """
                        {"kind":"FOLLOW_UP","situation":"Follow-up %d: water still rising, pumps working",\
                        "actionsTaken":"Flood team and two pumps on site"}""".formatted(i + 2)));
            }
            for (CompletableFuture<HttpResponse<String>> answer : batch) {
                accepted += answer.join().statusCode() == 201 ? 1 : 0;
            }
            if (sent % 500 == 0) {
                Progress.say("busy-incident: %d of %d follow-ups filed", sent, followUps);
            }
        }
        return accepted;
    }

    /** Waits until the gateway shows every accepted report; adds what it found to {@code summary}, any failure. */
    void audit(Duration settle, List<String> summary, List<String> failures) throws Exception {
        long deadline = System.nanoTime() + settle.toNanos();
        int shown = -1;
        int bytes = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> item = http.send(HttpRequest.newBuilder(stack.service("command-gateway",
                            "/api/picture/incidents/" + incidentId)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + stack.viewerToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (item.statusCode() == 200) {
                bytes = item.body().getBytes(StandardCharsets.UTF_8).length;
                JsonNode body = JSON.readTree(item.body());
                shown = body.path("reportCount").asInt(-1);
                if (shown >= accepted) {
                    break;
                }
            }
            Pause.millis(1000);
        }
        summary.add("  busy incident " + incidentId + ": " + accepted + " reports accepted, the gateway counts "
                + shown + ", its item is " + bytes + " bytes");
        if (shown < accepted) {
            failures.add("the gateway counts " + shown + " of the busy incident's " + accepted + " reports after "
                    + settle.toSeconds() + " s");
        }
        if (bytes > MAX_ITEM_BYTES) {
            failures.add("the busy incident's item is " + bytes + " bytes, above " + MAX_ITEM_BYTES);
        }
    }

    private CompletableFuture<HttpResponse<String>> post(URI uri, String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.officerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
