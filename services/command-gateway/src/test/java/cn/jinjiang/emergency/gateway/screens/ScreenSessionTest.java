package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A screen's connection ends with its token unless renewed on it; it takes nothing but renewals; origins are checked. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenSessionTest {

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    private static String viewerTokenExpiringIn(long seconds) {
        long now = Instant.now().getEpochSecond();
        return TestTokens.token(TestTokens.claims("viewer", null).issuedAt(now).expiresAt(now + seconds));
    }

    @Test
    void aScreenIsClosedWhenItsTokenExpires() {
        try (ScreenClient screen = ScreenClient.connect(ws(), viewerTokenExpiringIn(3))) {
            String expiresAt = screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10))
                    .path("expiresAt").asText();
            assertFalse(expiresAt.isEmpty(), "the snapshot tells the screen when to renew");
            assertEquals(ScreenSessions.TOKEN_EXPIRED, screen.awaitClose(Duration.ofSeconds(15)));
        }
    }

    @Test
    void aScreenRenewsOnItsConnectionAndKeepsItsPlace() {
        try (ScreenClient screen = ScreenClient.connect(ws(), viewerTokenExpiringIn(4))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10));
            screen.send("{\"renew\": \"" + TestTokens.token("viewer", null) + "\"}");
            screen.await(m -> "renewed".equals(m.path("kind").asText()), Duration.ofSeconds(10));

            assertFalse(screen.closesWithin(Duration.ofSeconds(6)), "closed although renewed");
            UUID incident = UUID.randomUUID();
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS,
                    incident.toString(), SampleEvents.incidentReported(UUID.randomUUID(), incident, "After renewal"));
            screen.await(m -> m.path("incident").path("id").asText().equals(incident.toString()),
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void aRenewalForSomebodyElseOrWithoutTheRightIsRefusedAndTheOldTokenStillRules() {
        try (ScreenClient screen = ScreenClient.connect(ws(), viewerTokenExpiringIn(5))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10));
            screen.send("{\"renew\": \"" + TestTokens.token("dispatcher", null) + "\"}");
            screen.await(m -> "renewal-refused".equals(m.path("kind").asText())
                    && m.path("detail").asText().contains("same user"), Duration.ofSeconds(10));
            screen.send("{\"renew\": \"" + TestTokens.forged("viewer").substring("Bearer ".length()) + "\"}");
            screen.await(m -> "renewal-refused".equals(m.path("kind").asText())
                    && m.path("detail").asText().contains("not valid"), Duration.ofSeconds(10));
            assertEquals(ScreenSessions.TOKEN_EXPIRED, screen.awaitClose(Duration.ofSeconds(15)));
        }
    }

    /** One duty officer's token, for an area or with another role, always the same person (sub and upn). */
    private static String officerLin(String role, String area, long seconds) {
        long now = Instant.now().getEpochSecond();
        return TestTokens.token(TestTokens.claims(role, area).subject("officer-lin").upn("officer-lin")
                .issuedAt(now).expiresAt(now + seconds));
    }

    @Test
    void aRenewalThatWouldMoveTheScreenToAnotherAreaOrRoleIsRefusedAndTheScreenKeepsItsArea() {
        String cizao = "350582101000";
        String anhai = "350582100000";
        try (ScreenClient screen = ScreenClient.connect(ws(), officerLin("duty-officer", cizao, 3600))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10));

            screen.send("{\"renew\": \"" + officerLin("duty-officer", anhai, 7200) + "\"}");
            screen.await(m -> "renewal-refused".equals(m.path("kind").asText())
                    && m.path("detail").asText().contains("area " + cizao), Duration.ofSeconds(10));
            screen.send("{\"renew\": \"" + officerLin("dispatcher", null, 7200) + "\"}");
            screen.await(m -> "renewal-refused".equals(m.path("kind").asText())
                    && m.path("detail").asText().contains("roles [duty-officer]"), Duration.ofSeconds(10));

            // The sample incident is in Anhai: a Cizao screen must not show it, whatever was sent to renew.
            UUID inAnhai = UUID.randomUUID();
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS,
                    inAnhai.toString(), SampleEvents.incidentReported(UUID.randomUUID(), inAnhai, "Anhai only"));
            screen.send("{\"renew\": \"" + officerLin("duty-officer", cizao, 7200) + "\"}");
            screen.await(m -> "renewed".equals(m.path("kind").asText()), Duration.ofSeconds(10));
            try (ScreenClient anhaiScreen = ScreenClient.connect(ws(), TestTokens.token("duty-officer", anhai))) {
                anhaiScreen.await(m -> m.path("incident").path("id").asText().equals(inAnhai.toString())
                        || "snapshot".equals(m.path("kind").asText())
                        && m.path("incidents").findValuesAsText("id").contains(inAnhai.toString()),
                        Duration.ofSeconds(20));
            }
            assertTrue(screen.received(Duration.ofMillis(500)).stream()
                    .noneMatch(m -> m.path("incident").path("id").asText().equals(inAnhai.toString())));
        }
    }

    @Test
    void framesTheFeedDoesNotTakeCloseTheConnectionWithTheProtocolsCodes() {
        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("viewer", null))) {
            screen.sendBinary("hello".getBytes(StandardCharsets.UTF_8));
            assertEquals(1003, screen.awaitClose(Duration.ofSeconds(10)));
        }
        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("viewer", null))) {
            screen.send("show me everything");
            assertEquals(1008, screen.awaitClose(Duration.ofSeconds(10)));
        }
        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("viewer", null))) {
            screen.send("{\"renew\": \"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, screen.awaitClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void onlyConfiguredOriginsMayOpenTheFeed() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> ScreenClient.connect(ws(), TestTokens.token("viewer", null), "https://evil.example"));
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("viewer", null),
                "http://localhost:8080")) {
            assertTrue(screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10))
                    .has("incidents"));
        }
    }

    @Test
    void theGatewaysOwnOperatorPageMayOpenTheFeed() {
        String page = io.restassured.RestAssured.given().get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("operator.js"));
        String own = ws().toString().replaceFirst("^ws", "http").replaceFirst("/ws/incidents$", "");
        try (ScreenClient screen = ScreenClient.connect(ws(), TestTokens.token("viewer", null), own)) {
            assertTrue(screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(10))
                    .has("incidents"));
        }
    }
}
