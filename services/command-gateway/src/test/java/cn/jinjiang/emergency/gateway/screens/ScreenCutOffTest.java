package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.gateway.testing.RawScreen;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A screen that reads nothing cannot take its close frame: it waits behind the unwritten snapshot, so the close never
 * completes and the connection would stay for ever. The gateway cuts such a connection off at the socket once
 * {@code screen.close-grace} (1 s in tests) has passed.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenCutOffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The grace in tests plus room for a busy build machine. */
    private static final long CUT_WITHIN_MILLIS = 1000 + 5000;

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    private static String tokenOf(String subject) {
        return TestTokens.token(TestTokens.claims("viewer", null).subject(subject).upn(subject));
    }

    private static boolean snapshot(JsonNode message) {
        return "snapshot".equals(message.path("kind").asText());
    }

    @Test
    void aScreenThatReadsNothingAndIsClosedForARuleLosesItsConnection() throws InterruptedException {
        List<UUID> heavy = ScreenLimitsTest.heavyIncidents(16);
        // A filter no other test uses: the snapshot is made after the heavy incidents, not shared from before them.
        URI withTheHeavyOnes = URI.create(ws() + "?kinds=incident,allocation");
        try (RawScreen stuck = RawScreen.connect(withTheHeavyOnes, tokenOf("stuck-" + UUID.randomUUID()));
             ScreenClient healthy = ScreenClient.connect(withTheHeavyOnes,
                     tokenOf("healthy-" + UUID.randomUUID()))) {
            String position = healthy.await(ScreenCutOffTest::snapshot, WAIT).path("position").asText();
            // Its snapshot (well over a megabyte) now fills its socket, and the screen reads none of it.
            Thread.sleep(1000);
            stuck.send("{\"resume\": \"" + position + "\"}");
            // Sooner than one resume a second: closed with 1008, a close frame queued behind the snapshot.
            stuck.send("{\"resume\": \"" + position + "\"}");
            long closed = System.nanoTime();
            boolean cut = false;
            while (!cut && (System.nanoTime() - closed) / 1_000_000 < CUT_WITHIN_MILLIS) {
                Thread.sleep(200);
                try {
                    // Once the gateway has reset the connection, writing to it fails.
                    stuck.pong("still here".getBytes());
                } catch (UncheckedIOException reset) {
                    cut = true;
                }
            }
            if (!cut) {
                fail("the screen closed for resuming too often still had its connection after " + CUT_WITHIN_MILLIS
                        + " ms");
            }

            UUID incident = UUID.randomUUID();
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "After the stuck one was cut off"));
            healthy.await(m -> incident.toString().equals(m.path("incident").path("id").asText()), WAIT);
            assertTrue(!healthy.closesWithin(Duration.ofMillis(200)), "the healthy screen was closed too");
        } finally {
            ScreenLimitsTest.closeLongAgo(heavy);
        }
    }
}
