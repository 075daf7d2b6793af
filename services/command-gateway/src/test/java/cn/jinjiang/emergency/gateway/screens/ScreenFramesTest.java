package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.RawScreen;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot larger than one frame goes out in frames of at most 16 KiB. With 64 KiB frames (Vert.x's default) the
 * JDK's own WebSocket client (17 and 25) lost its place in the stream once a few hundred screens were reading large
 * snapshots ("Unexpected rsv1 bit"), although a proxy between the two found every frame the gateway wrote valid.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenFramesTest {

    private static final int MOST_FRAME_BYTES = 16 * 1024;

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Test
    void aLargeSnapshotArrivesInFramesOfAtMost16KiB() {
        List<UUID> heavy = ScreenLimitsTest.heavyIncidents(1);
        String user = "frames-" + UUID.randomUUID();
        try (RawScreen screen = RawScreen.connect(URI.create(feed.toString().replaceFirst("^http", "ws")),
                TestTokens.token(TestTokens.claims("viewer", null).subject(user).upn(user)))) {
            List<JsonNode> messages = screen.readAll(1500);
            assertEquals("snapshot", messages.get(0).path("kind").asText(), "the first message");
            assertTrue(screen.largestMessage() > 4 * MOST_FRAME_BYTES,
                    "the snapshot spans several frames: " + screen.largestMessage() + " bytes");
            assertTrue(screen.largestFrame() <= MOST_FRAME_BYTES, "largest frame " + screen.largestFrame());
        } finally {
            ScreenLimitsTest.closeLongAgo(heavy);
        }
    }
}
