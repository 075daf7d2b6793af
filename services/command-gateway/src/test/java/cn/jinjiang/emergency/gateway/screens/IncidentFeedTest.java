package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.testing.OperationsChecks;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class IncidentFeedTest implements OperationsChecks {

    private static final String ANHAI = "350582100000";

    @TestHTTPResource("/ws/incidents")
    URI feed;

    /** The feed is a WebSocket, not in the OpenAPI document; its access is tested here and in ScreenSessionTest. */
    @Override
    public Map<String, String> endpointPermissions() {
        return Map.of("GET /api/dead-letters", AccessPolicy.READ_INCIDENTS,
                "GET /api/picture", AccessPolicy.READ_INCIDENTS,
                "GET /api/picture/incidents/{id}", AccessPolicy.READ_INCIDENTS,
                "GET /api/picture/incidents/{id}/around", AccessPolicy.READ_INCIDENTS);
    }

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    private static void publish(UUID eventId, UUID incident, String title) {
        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS,
                incident.toString(), SampleEvents.incidentReported(eventId, incident, title));
    }

    private static boolean isChangeOf(JsonNode message, UUID incident) {
        return message.path("incident").path("id").asText().equals(incident.toString());
    }

    @Test
    void screenGetsASnapshotThenEachNewIncidentOnce() {
        UUID earlier = UUID.randomUUID();
        publish(UUID.randomUUID(), earlier, "Reported before the screen connected");
        try (ScreenClient early = ScreenClient.connect(ws(), TestTokens.token("viewer", null))) {
            // A gateway already running may take the event in before this screen joins: then its snapshot holds it.
            early.await(m -> isChangeOf(m, earlier) || m.path("kind").asText().equals("snapshot")
                    && m.path("incidents").findValuesAsText("id").contains(earlier.toString()), Duration.ofSeconds(20));
        }

        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("dispatcher", null))) {
            screen.await(m -> m.path("kind").asText().equals("snapshot"), Duration.ofSeconds(5));
            screen.await(PictureFeedTest.shows(earlier), Duration.ofSeconds(5));

            UUID incident = UUID.randomUUID();
            UUID event = UUID.randomUUID();
            publish(event, incident, "Chemical tanker overturned");
            publish(event, incident, "Chemical tanker overturned");
            UUID marker = UUID.randomUUID();
            publish(UUID.randomUUID(), marker, "Marker");

            JsonNode change = screen.await(m -> isChangeOf(m, incident), Duration.ofSeconds(20));
            assertEquals("incident.reported", change.path("kind").asText());
            assertEquals(event.toString(), change.path("eventId").asText());
            assertEquals("Chemical tanker overturned", change.path("incident").path("title").asText());
            assertEquals(ANHAI, change.path("incident").path("areaCode").asText());
            screen.await(m -> isChangeOf(m, marker), Duration.ofSeconds(20));
            assertEquals(1, screen.received(Duration.ZERO).stream().filter(m -> isChangeOf(m, incident)).count(),
                    "a redelivered event is pushed once");
        }
    }

    @Test
    void dutyOfficerScreenShowsOnlyTheirArea() {
        try (ScreenClient cizao = ScreenClient.connect(ws(), TestTokens.token("duty-officer", "350582101000"));
             ScreenClient anhai = ScreenClient.connect(ws(), TestTokens.token("duty-officer", ANHAI))) {
            UUID incident = UUID.randomUUID();
            publish(UUID.randomUUID(), incident, "Anhai only");

            anhai.await(m -> isChangeOf(m, incident), Duration.ofSeconds(20));
            assertTrue(cizao.received(Duration.ofMillis(500)).stream().noneMatch(m -> isChangeOf(m, incident)));
        }
    }

    @Test
    void aCountyOfficersScreenShowsTheTownsBelowIt() {
        try (ScreenClient county = ScreenClient.connect(ws(), TestTokens.token("duty-officer", "350582000000"))) {
            UUID incident = UUID.randomUUID();
            publish(UUID.randomUUID(), incident, "Seen from the county");
            county.await(m -> isChangeOf(m, incident), Duration.ofSeconds(20));
        }
    }

    @Test
    void upgradeWithoutAValidTokenOrRoleIsRefused() {
        assertRefused(null, 401);
        assertRefused(TestTokens.forged("viewer").substring("Bearer ".length()), 401);
        assertRefused(TestTokens.token("broadcast-system", null), 403);
    }

    private void assertRefused(String token, int status) {
        CompletionException refused = assertThrows(CompletionException.class, () -> ScreenClient.connect(ws(), token));
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) refused.getCause();
        assertEquals(status, handshake.getResponse().statusCode());
    }
}
