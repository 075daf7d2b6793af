package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.screens.PictureFeedTest.about;
import static cn.jinjiang.emergency.gateway.screens.PictureFeedTest.kind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instance that stops tells its screens to resume elsewhere, and they can, from where they were. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Inject
    ScreenDrain drain;

    @Test
    void aStoppingInstanceClosesItsScreensWithServiceRestartAndTheyResumeFromTheirPosition() {
        String ws = feed.toString().replaceFirst("^http", "ws");
        UUID incident = UUID.randomUUID();
        String position;
        try (ScreenClient screen = ScreenClient.connect(URI.create(ws), TestTokens.token("viewer", null))) {
            screen.await(kind("snapshot"), WAIT);
            PictureEvents.send(PictureEvents.reported(incident, PictureEvents.ANHAI, "IV", "Before the drain"));
            position = screen.await(about(incident), WAIT).path("position").asText();

            assertTrue(drain.drain().size() >= 1, "no screen was open to drain");
            assertEquals(ScreenDrain.RESTARTING, screen.awaitClose(Duration.ofSeconds(10)));
        }
        // Elsewhere (here: this instance, which did not stop): the screen resumes with what came after.
        PictureEvents.send(PictureEvents.followUp(incident, 2, "While it reconnected"));
        String from = "?from=" + URLEncoder.encode(position, StandardCharsets.UTF_8);
        try (ScreenClient screen = ScreenClient.connect(URI.create(ws + from), TestTokens.token("viewer", null))) {
            screen.await(kind("resumed"), WAIT);
            JsonNode followUp = screen.await(m -> about(incident).test(m)
                    && m.path("incident").path("reports").has("2"), WAIT);
            assertEquals("incident.updated", followUp.path("kind").asText());
        }
    }
}
