package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One incident with a long report chain stays a small item (here the newest 3 reports, at most 8 KiB, so that a
 * thousand events show it): in the picture, over HTTP, and in every change a screen is sent. The whole chain is
 * intake's, read a page at a time.
 */
@QuarkusTest
@TestProfile(BusyIncidentTest.SmallItems.class)
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class BusyIncidentTest {

    /** Bounds small enough for a test to pass them quickly. */
    public static class SmallItems implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("emergency.gateway.incident.recent-reports", "3",
                    "emergency.gateway.incident.max-item-bytes", String.valueOf(MAX_ITEM_BYTES));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX_ITEM_BYTES = 8192;

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private static Response incident(UUID id) {
        return given().header("Authorization", TestTokens.bearer("viewer")).get("/api/picture/incidents/" + id);
    }

    @Test
    void aThousandFollowUpsKeepTheIncidentItemBounded() {
        UUID incident = UUID.randomUUID();
        URI ws = URI.create(feed.toString().replaceFirst("^http", "ws") + "?incidents=" + incident);
        try (ScreenClient screen = ScreenClient.connect(ws, TestTokens.token("viewer", null))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            List<ObjectNode> chain = new ArrayList<>();
            chain.add(PictureEvents.reported(incident, ANHAI, "IV", "Busy incident"));
            for (int sequence = 2; sequence <= 1000; sequence++) {
                // Every hundredth follow-up as long as intake allows (4,000 characters of three UTF-8 bytes each).
                chain.add(PictureEvents.followUp(incident, sequence, sequence % 100 == 0
                        ? "险".repeat(4000) : "Follow-up " + sequence + " " + "x".repeat(200)));
            }
            for (int from = 0; from < chain.size(); from += 250) {
                PictureEvents.sendAll(Topics.INCIDENT_EVENTS, chain.subList(from, Math.min(chain.size(), from + 250)));
            }
            Eventually.until(() -> incident(incident).statusCode() == 200
                    && Integer.valueOf(1000).equals(incident(incident).path("reportCount")), WAIT,
                    "all 1000 reports counted");

            String body = incident(incident).asString();
            assertTrue(body.getBytes(StandardCharsets.UTF_8).length <= MAX_ITEM_BYTES,
                    "the item is " + body.length() + " characters");
            Response item = incident(incident);
            // The newest report alone is past the bound (12,000 bytes of text): it stays, shortened, the rest go.
            Set<String> kept = new TreeSet<>(item.jsonPath().<String, Object>getMap("reports").keySet());
            assertEquals(Set.of("1000"), kept, "the newest report");
            assertEquals("FOLLOW_UP", item.path("reports.1000.kind"));
            assertTrue(item.<Boolean>path("reports.1000.shortened"));
            assertTrue(item.<Boolean>path("trimmed"));

            screen.await(m -> m.path("incident").path("reportCount").asInt() == 1000, WAIT);
            List<JsonNode> changes = screen.received(Duration.ZERO).stream()
                    .filter(m -> incident.toString().equals(m.path("incident").path("id").asText())).toList();
            assertEquals(1000, changes.size(), "each report once");
            JsonNode before = changes.get(998).path("incident");
            assertEquals(999, before.path("reportCount").asInt());
            Set<String> newest = new TreeSet<>();
            before.path("reports").fieldNames().forEachRemaining(newest::add);
            assertEquals(Set.of("997", "998", "999"), newest, "the newest three");
            for (JsonNode change : changes) {
                int bytes = change.path("incident").toString().getBytes(StandardCharsets.UTF_8).length;
                assertTrue(bytes <= MAX_ITEM_BYTES, "a change carried " + bytes + " bytes of incident");
                assertTrue(change.path("incident").path("reports").size() <= 3);
            }
        }
    }
}
