package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed incidents leave the picture past the retention (one hour in tests: these incidents were closed "two hours
 * ago", by their reports' times), with their allocations: from HTTP, with a removal to the screens that saw them, for good (a late event
 * does not bring a stub back, nor does a rebuild from the topics), and a screen that may have missed the removal
 * resumes with a snapshot.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ClosedIncidentRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Inject
    Picture picture;

    @Inject
    PictureRebuild rebuild;

    private URI ws(String query) {
        return URI.create(feed.toString().replaceFirst("^http", "ws") + (query == null ? "" : "?" + query));
    }

    private static Response get(String path) {
        return given().header("Authorization", TestTokens.bearer("dispatcher", null)).get(path);
    }

    private static boolean shown(UUID incident) {
        return get("/api/picture/incidents/" + incident).statusCode() == 200;
    }

    @Test
    void anIncidentClosedPastTheRetentionLeavesThePictureAndTheScreensForGood() throws IOException {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        UUID expired = UUID.randomUUID();
        UUID closedJustNow = UUID.randomUUID();
        UUID openForLong = UUID.randomUUID();
        String before;
        try (ScreenClient screen = ScreenClient.connect(ws(null), TestTokens.token("commander", null))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            PictureEvents.send(PictureEvents.assigned(expired, UUID.randomUUID(), "JJ-FIRE-ANHAI-2"));
            ObjectNode reported = PictureEvents.reported(expired, ANHAI, "IV", "Closed two hours ago");
            PictureEvents.data(reported).put("reportedAt", twoHoursAgo.minus(Duration.ofHours(1)).toString());
            PictureEvents.send(reported);
            before = screen.await(m -> expired.toString().equals(m.path("incident").path("id").asText()), WAIT)
                    .path("position").asText();
            PictureEvents.send(PictureEvents.allocated(expired, UUID.randomUUID(), "SANDBAG", 50));
            screen.await(m -> expired.toString().equals(m.path("allocation").path("incidentId").asText()), WAIT);
            ObjectNode closed = PictureEvents.example("incident.closed", expired);
            PictureEvents.data(closed).put("incidentId", expired.toString()).put("sequence", 2)
                    .put("reportedAt", twoHoursAgo.toString());
            PictureEvents.send(closed);

            ObjectNode old = PictureEvents.reported(openForLong, ANHAI, "IV", "Open for long");
            PictureEvents.data(old).put("reportedAt", twoHoursAgo.toString());
            PictureEvents.send(old);
            PictureEvents.send(PictureEvents.reported(closedJustNow, ANHAI, "IV", "Closed just now"));
            ObjectNode justClosed = PictureEvents.example("incident.closed", closedJustNow);
            PictureEvents.data(justClosed).put("incidentId", closedJustNow.toString()).put("sequence", 2)
                    .put("reportedAt", Instant.now().toString());
            PictureEvents.send(justClosed);

            JsonNode removal = screen.await(m -> "incident.expired".equals(m.path("kind").asText())
                    && expired.toString().equals(m.path("incident").path("id").asText()), WAIT);
            assertTrue(removal.path("incident").path("removed").asBoolean());
            assertEquals(Set.of(), schema().validate(removal), "a removal matches the screen message schema");
        }
        assertFalse(shown(expired));
        get("/api/picture?incidents=" + expired).then().statusCode(200)
                .body("incidents.size()", org.hamcrest.Matchers.equalTo(0))
                .body("allocations.size()", org.hamcrest.Matchers.equalTo(0));
        Eventually.until(() -> shown(openForLong) && shown(closedJustNow), WAIT, "the others stay");
        assertEquals("CLOSED", get("/api/picture/incidents/" + closedJustNow).path("status"));

        // A late event of it (under its key, so read before the marker after it) brings no stub back.
        UUID unit = UUID.randomUUID();
        ObjectNode released = PictureEvents.example("dispatch.released", expired);
        PictureEvents.data(released).put("incidentId", expired.toString()).put("unitId", unit.toString());
        PictureEvents.send(released);
        PictureEvents.send(PictureEvents.unitStatus(unit, expired, "RETURNING", "AVAILABLE", 9, 24.7, 118.5));
        Eventually.until(() -> get("/api/picture?kinds=unit").path("units.id").toString()
                .contains(unit.toString()), WAIT, "the marker unit");
        assertFalse(shown(expired), "a late event does not bring it back");

        // A screen that left before the removal cannot replay it (it is in no record): it gets a snapshot.
        try (ScreenClient screen = ScreenClient.connect(ws("from=" + URLEncoder.encode(before,
                StandardCharsets.UTF_8)), TestTokens.token("commander", null))) {
            JsonNode first = screen.await(m -> m.has("seq"), WAIT);
            assertEquals("snapshot", first.path("kind").asText());
            assertFalse(first.path("incidents").toString().contains(expired.toString()));
        }

        // Rebuilt from the topics, the picture leaves it out too.
        Map<String, PictureItem> live = new HashMap<>();
        Position at = picture.still(() -> {
            picture.items(item -> true).forEach(item -> live.put(item.key(), item));
            return picture.position();
        });
        PictureRebuild.Rebuilt rebuilt = rebuild.replayUpTo(at);
        assertFalse(rebuilt.items().containsKey(PictureItem.key(ItemKind.INCIDENT, expired.toString())));
        assertEquals(List.of(), PictureRebuild.compare(rebuilt, live).differing());
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(RepositoryRoot.get().resolve("schemas/screen-message.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }
}
