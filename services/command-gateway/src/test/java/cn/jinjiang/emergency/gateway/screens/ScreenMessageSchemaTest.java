package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What screens receive matches schemas/screen-message.schema.json, kind by kind. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class ScreenMessageSchemaTest {

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(RepositoryRoot.get().resolve("schemas/screen-message.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    @Test
    void everyKindOfMessageMatchesTheSchema() throws IOException {
        JsonSchema schema = schema();
        String ws = feed.toString().replaceFirst("^http", "ws");
        UUID incident = UUID.randomUUID();
        String position;
        try (ScreenClient screen = ScreenClient.connect(URI.create(ws), TestTokens.token("commander", null))) {
            screen.await(PictureFeedTest.kind("snapshot"), Duration.ofSeconds(30));
            PictureEvents.send(PictureEvents.reported(incident, PictureEvents.ANHAI, "III", "Schema"));
            PictureEvents.send(PictureEvents.unitStatus(UUID.randomUUID(), incident, "AVAILABLE", "DISPATCHED", 1,
                    24.7, 118.5));
            position = screen.await(PictureFeedTest.kind("unit.status-changed"), Duration.ofSeconds(30))
                    .path("position").asText();
            // On the picture before the screen below resumes from the position above: replayed to it, without seq.
            PictureEvents.send(PictureEvents.followUp(incident, 2, "Replayed"));
            screen.await(PictureFeedTest.kind("incident.updated"), Duration.ofSeconds(30));
            screen.send("{\"renew\": \"not a token\"}");
            screen.await(PictureFeedTest.kind("renewal-refused"), Duration.ofSeconds(10));
            assertValid(schema, screen.received(Duration.ZERO));
        }
        try (ScreenClient screen = ScreenClient.connect(URI.create(ws + "?from="
                + URLEncoder.encode(position, StandardCharsets.UTF_8)), TestTokens.token("commander", null))) {
            screen.await(PictureFeedTest.kind("resumed"), Duration.ofSeconds(30));
            JsonNode replayed = screen.await(PictureFeedTest.kind("incident.updated"), Duration.ofSeconds(30));
            assertFalse(replayed.has("seq"), replayed.toString());
            assertValid(schema, screen.received(Duration.ZERO));
        }
    }

    private static void assertValid(JsonSchema schema, List<JsonNode> messages) {
        for (JsonNode message : messages) {
            Set<ValidationMessage> problems = schema.validate(message);
            assertEquals(Set.of(), problems, message.path("kind").asText());
        }
    }
}
