package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
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
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An incident that left the picture (closed past the retention: one hour in tests, these were closed "two hours ago")
 * comes back whole on an event that changes it: re-opened, or a unit sent to it before its re-opening is read. Its
 * title, area, report chain, assignments and allocations are back, not a stub; the rebuild from the topics agrees.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ExpiredIncidentReturnsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Inject
    Picture picture;

    @Inject
    PictureRebuild rebuild;

    private static Response get(String path) {
        return given().header("Authorization", TestTokens.bearer("dispatcher", null)).get(path);
    }

    private static boolean shown(UUID incident) {
        return get("/api/picture/incidents/" + incident).statusCode() == 200;
    }

    /** Reported three hours ago with a unit and an allocation, closed two hours ago: it expires at once. */
    private static void closedLongAgo(UUID incident, String title) {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        ObjectNode reported = PictureEvents.reported(incident, ANHAI, "III", title);
        PictureEvents.data(reported).put("reportedAt", twoHoursAgo.minus(Duration.ofHours(1)).toString());
        PictureEvents.send(reported);
        PictureEvents.send(PictureEvents.assigned(incident, UUID.randomUUID(), "JJ-FIRE-ANHAI-1"));
        PictureEvents.send(PictureEvents.allocated(incident, UUID.randomUUID(), "SANDBAG", 80));
        ObjectNode closed = PictureEvents.example("incident.closed", incident);
        PictureEvents.data(closed).put("incidentId", incident.toString()).put("sequence", 2)
                .put("reportedAt", twoHoursAgo.toString());
        PictureEvents.send(closed);
    }

    private static boolean whole(JsonNode incident, String title) {
        return title.equals(incident.path("title").asText()) && ANHAI.equals(incident.path("areaCode").asText())
                && incident.path("reports").has("1") && incident.path("reports").has("2")
                && incident.path("assignments").size() == 1
                && incident.path("materials").path("allocations").path("RESERVED").asInt() == 1;
    }

    @Test
    void anExpiredIncidentComesBackWholeWhenReopenedOrSentAUnit() {
        UUID reopened = UUID.randomUUID();
        UUID sentAUnit = UUID.randomUUID();
        closedLongAgo(reopened, "Re-opened after it expired");
        closedLongAgo(sentAUnit, "Sent a unit after it expired");
        Eventually.until(() -> picture.isExpired(reopened) && picture.isExpired(sentAUnit), WAIT, "both expired");
        assertFalse(shown(reopened));

        try (ScreenClient screen = ScreenClient.connect(URI.create(feed.toString().replaceFirst("^http", "ws")),
                TestTokens.token("commander", null))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);

            ObjectNode reopening = PictureEvents.example("incident.reopened", reopened);
            PictureEvents.data(reopening).put("incidentId", reopened.toString())
                    .put("reopenedAt", Instant.now().toString());
            PictureEvents.send(reopening);
            JsonNode back = screen.await(m -> "incident.reopened".equals(m.path("kind").asText())
                    && reopened.toString().equals(m.path("incident").path("id").asText()), WAIT);
            assertEquals("OPEN", back.path("incident").path("status").asText());
            assertTrue(whole(back.path("incident"), "Re-opened after it expired"), back.toString());

            // A unit sent to the other before its re-opening is read brings it back too, whole.
            PictureEvents.send(PictureEvents.assigned(sentAUnit, UUID.randomUUID(), "JJ-FIRE-ANHAI-3"));
            // The screen may have joined at a snapshot made a moment earlier and been handed the incident's earlier
            // assignment after it: the change looked for is the one that brings the new unit.
            JsonNode assigned = screen.await(m -> "dispatch.assigned".equals(m.path("kind").asText())
                    && m.path("incident").path("assignments").toString().contains("JJ-FIRE-ANHAI-3")
                    && sentAUnit.toString().equals(m.path("incident").path("id").asText()), WAIT);
            assertEquals("Sent a unit after it expired", assigned.path("incident").path("title").asText());
            assertEquals(2, assigned.path("incident").path("assignments").size(), assigned.toString());
            assertTrue(assigned.path("incident").path("reports").has("2"));
        }

        // A later follow-up lands on the whole incident, over HTTP too.
        PictureEvents.send(PictureEvents.followUp(reopened, 3, "Water rising again"));
        Eventually.until(() -> shown(reopened) && get("/api/picture/incidents/" + reopened).path("reports")
                .toString().contains("Water rising again"), WAIT, "the follow-up after the re-opening");
        JsonNode item = get("/api/picture/incidents/" + reopened).as(JsonNode.class);
        assertTrue(whole(item, "Re-opened after it expired"), item.toString());
        assertEquals(1, (int) get("/api/picture?incidents=" + reopened).path("allocations.size()"), "its allocation");

        // Rebuilt from the topics, the picture has it whole as well.
        Map<String, PictureItem> live = new HashMap<>();
        Position at = picture.still(() -> {
            picture.items(item2 -> true).forEach(i -> live.put(i.key(), i));
            return picture.position();
        });
        PictureRebuild.Rebuilt rebuilt = rebuild.replayUpTo(at);
        assertTrue(rebuilt.items().containsKey(PictureItem.key(ItemKind.INCIDENT, reopened.toString())));
        assertEquals(List.of(), PictureRebuild.compare(rebuilt, live).differing());
    }
}
