package cn.jinjiang.emergency.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Incidents a stage works on, reported through intake as a duty officer would, and awaited where they are needed. */
final class BenchIncidents {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private BenchIncidents() {
    }

    /** One incident of {@code type} at each point, occurred five minutes ago; their ids in order. */
    static List<String> report(Stack stack, HttpClient http, String type, String title, double[][] points)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            String body = """
                    {"type": "%s", "title": "%s %d",
                     "location": {"latitude": %s, "longitude": %s}, "areaCode": "350582100000",
                     "occurredAt": "%s", "casualties": {"deaths": 0}}
                    """.formatted(type, title, i, points[i][0], points[i][1],
                    OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service("incident-intake",
                            "/api/incidents")).header("Authorization", "Bearer " + stack.officerToken())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("intake refused the report: " + response.statusCode() + " "
                        + response.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    /** Waits until {@code service} answers 200 at {@code path} (with %s for the incident id) for every incident. */
    static void awaitKnown(Stack stack, HttpClient http, String token, String service, String path,
            List<String> incidents) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        for (String id : incidents) {
            while (http.send(HttpRequest.newBuilder(stack.service(service, path.formatted(id)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service + " does not know incident " + id);
                }
                Thread.sleep(100);
            }
        }
    }
}
