package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureStore;
import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.gateway.testing.RawScreen;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one screen (or one user) may cost the gateway, and that a screen breaking a rule is closed alone. The bounds
 * are shrunk in the test profile: at most 8 screens per user, one resume a second.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PER_USER = 8;

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Inject
    ScreenHub hub;

    @Inject
    PictureStore store;

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    /**
     * The whole picture, under a filter no other test uses: a screen joining with it gets a snapshot made after this
     * test's own changes, not one shared from before them.
     */
    private URI wsOwnFilter() {
        return URI.create(ws() + "?minGrade=IV");
    }

    private static String tokenOf(String subject) {
        return TestTokens.token(TestTokens.claims("viewer", null).subject(subject).upn(subject));
    }

    private static boolean snapshot(JsonNode message) {
        return "snapshot".equals(message.path("kind").asText());
    }

    @Test
    void aUserMayHoldOnlySoManyScreensAndTheExtraOneIsClosedWithAReason() {
        String user = "wall-" + UUID.randomUUID();
        List<ScreenClient> wall = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                ScreenClient screen = ScreenClient.connect(ws(), tokenOf(user));
                wall.add(screen);
                screen.await(ScreenLimitsTest::snapshot, WAIT);
            }
            try (RawScreen extra = RawScreen.connect(ws(), tokenOf(user))) {
                extra.readAll(5000);
                assertEquals(IncidentFeed.POLICY_VIOLATION, extra.closeCode());
                assertTrue(extra.closeReason().contains("screens"), extra.closeReason());
            }
            // Another user is not affected, and the wall's screens still follow the picture.
            try (ScreenClient other = ScreenClient.connect(ws(), tokenOf("other-" + UUID.randomUUID()))) {
                other.await(ScreenLimitsTest::snapshot, WAIT);
            }
            UUID incident = UUID.randomUUID();
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "Seen on every screen of the wall"));
            for (ScreenClient screen : wall) {
                screen.await(m -> incident.toString().equals(m.path("incident").path("id").asText()), WAIT);
            }
            // A screen closed makes room for another.
            wall.remove(0).close();
            Eventually.until(() -> {
                try (RawScreen again = RawScreen.connect(ws(), tokenOf(user))) {
                    return again.readAll(1500).stream().anyMatch(ScreenLimitsTest::snapshot)
                            && again.closeCode() == null;
                }
            }, WAIT, "a screen for the user again once one closed");
        } finally {
            wall.forEach(ScreenClient::close);
        }
    }

    @Test
    void aScreenThatResumesMoreOftenThanAllowedIsClosedAndTheOthersNeverNotice() {
        try (ScreenClient hasty = ScreenClient.connect(ws(), tokenOf("hasty-" + UUID.randomUUID()));
             ScreenClient calm = ScreenClient.connect(ws(), tokenOf("calm-" + UUID.randomUUID()))) {
            String position = hasty.await(ScreenLimitsTest::snapshot, WAIT).path("position").asText();
            calm.await(ScreenLimitsTest::snapshot, WAIT);
            hasty.send("{\"resume\": \"" + position + "\"}");
            // Answered "resumed", or a snapshot should an expiry have come between: either is its second message.
            hasty.await(m -> "resumed".equals(m.path("kind").asText()) || snapshot(m), WAIT);
            hasty.send("{\"resume\": \"" + position + "\"}");
            assertEquals(IncidentFeed.POLICY_VIOLATION, hasty.awaitClose(Duration.ofSeconds(10)));

            UUID incident = UUID.randomUUID();
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "After the hasty one left"));
            calm.await(m -> incident.toString().equals(m.path("incident").path("id").asText()), WAIT);
            assertTrue(!calm.closesWithin(Duration.ofMillis(200)), "the calm screen was closed too");
        }
    }

    @Test
    void pongsThatAnswerNoPingDoNotKeepAScreenAlive() throws InterruptedException {
        try (RawScreen chatty = RawScreen.connect(ws(), tokenOf("chatty-" + UUID.randomUUID()))) {
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread heartbeat = new Thread(() -> {
                while (reading.get()) {
                    try {
                        chatty.pong("alive".getBytes());
                        Thread.sleep(500);
                    } catch (RuntimeException | InterruptedException gone) {
                        return;
                    }
                }
            });
            heartbeat.start();
            // The gateway's pings keep the read from ever going quiet: the test ends it after 15 s itself.
            Thread deadline = new Thread(() -> {
                sleep(15_000);
                chatty.close();
            });
            deadline.setDaemon(true);
            deadline.start();
            try {
                // Ping interval 3 s in tests: closed after two unanswered intervals, unsolicited pongs or not.
                chatty.readAll(15_000);
            } finally {
                reading.set(false);
                heartbeat.join();
            }
            assertEquals(ScreenPings.NO_PONG, chatty.closeCode());
        }
    }

    /**
     * The hostile screen of the hardening issue: it resumes from an old position over and over and never reads. Each
     * resume used to queue another whole snapshot for it; now a screen holds at most the one snapshot being written
     * (a resume meanwhile waits for it, the latest replacing the earlier), so its memory stays bounded.
     */
    @Test
    void aScreenResumingFromAnOldPositionWithoutReadingHoldsOneSnapshotAtMost() {
        String old;
        try (ScreenClient before = ScreenClient.connect(ws(), tokenOf("before-" + UUID.randomUUID()))) {
            old = before.await(ScreenLimitsTest::snapshot, WAIT).path("position").asText();
        }
        List<UUID> heavy = heavyIncidents(16);
        // The old position is now older than the change log: each resume from it asks for a whole snapshot.
        store.purge(Duration.ZERO).await().atMost(WAIT);
        try {
            int snapshotBytes;
            try (ScreenClient measure = ScreenClient.connect(wsOwnFilter(),
                    tokenOf("measure-" + UUID.randomUUID()))) {
                snapshotBytes = measure.await(ScreenLimitsTest::snapshot, WAIT).toString().length();
            }
            assertTrue(snapshotBytes > 1_500_000, "the picture is too small to test with: " + snapshotBytes);
            try (RawScreen hostile = RawScreen.connect(wsOwnFilter(), tokenOf("hostile-" + UUID.randomUUID()));
                 ScreenClient healthy = ScreenClient.connect(wsOwnFilter(),
                         tokenOf("healthy-" + UUID.randomUUID()))) {
                healthy.await(ScreenLimitsTest::snapshot, WAIT);
                for (int resume = 0; resume < 3; resume++) {
                    sleep(1100); // one resume a second is allowed in tests: this screen breaks no rate rule
                    hostile.send("{\"resume\": \"" + old + "\"}");
                }
                sleep(500);
                long held = hub.all().stream().mapToLong(Screen::unwrittenBytes).max().orElse(0);
                assertTrue(held < snapshotBytes * 3L / 2, "a screen that reads nothing holds " + held
                        + " bytes for a snapshot of " + snapshotBytes);

                UUID marker = UUID.randomUUID();
                long sent = System.nanoTime();
                PictureEvents.send(PictureEvents.reported(marker, ANHAI, "IV", "Seen by the healthy screen"));
                healthy.await(m -> marker.toString().equals(m.path("incident").path("id").asText()), WAIT);
                long millis = (System.nanoTime() - sent) / 1_000_000;
                assertTrue(millis < 5000, "the healthy screen waited " + millis + " ms");
            }
        } finally {
            closeLongAgo(heavy);
        }
    }

    /**
     * An incident with large allocations (many lines each), some 1.6 MB in all; it is closed "hours ago" afterwards,
     * so that it leaves the picture with them.
     */
    static List<UUID> heavyIncidents(int allocations) {
        UUID incident = UUID.randomUUID();
        ObjectNode reported = PictureEvents.reported(incident, ANHAI, "IV", "Heavy");
        PictureEvents.data(reported).put("reportedAt", Instant.now().minus(Duration.ofHours(3)).toString());
        PictureEvents.send(reported);
        PictureFeedTest.awaitOnPicture(incident);
        for (int i = 0; i < allocations; i++) {
            ObjectNode allocated = PictureEvents.allocated(incident, UUID.randomUUID(), "SANDBAG", 10);
            ArrayNode lines = (ArrayNode) PictureEvents.data(allocated).get("lines");
            for (int line = 0; line < 2000; line++) {
                lines.addObject().put("itemCode", "ITEM-" + line).put("requested", 10).put("reserved", 10);
            }
            PictureEvents.send(allocated);
        }
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                .get("/api/picture?kinds=allocation&incidents=" + incident).path("allocations.size()")
                .equals(allocations), WAIT, "the allocations on the picture");
        return List.of(incident);
    }

    static void closeLongAgo(List<UUID> incidents) {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        for (UUID incident : incidents) {
            ObjectNode closed = PictureEvents.example("incident.closed", incident);
            PictureEvents.data(closed).put("incidentId", incident.toString()).put("sequence", 2)
                    .put("reportedAt", twoHoursAgo.toString());
            PictureEvents.send(closed);
        }
        for (UUID incident : incidents) {
            Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                    .get("/api/picture/incidents/" + incident).statusCode() == 404, WAIT, "incident " + incident
                    + " off the picture");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
