package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;

/**
 * What dispatch's tests do over and over: incidents arrive as intake would publish them, units are registered by an
 * administrator, moved by their terminals and sent by a dispatcher, all through the real interfaces.
 */
final class Dispatch {

    static final String DATABASE = "resource_dispatch_test";
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Test units and the incidents they are sent to lie in a county of Quanzhou neither bureau serves (Nan'an), so
     * the reference registry's figures stay as loaded, recommendations (which stay within an incident's jurisdiction)
     * offer test units to test incidents, and the prefecture's tokens the tests carry see both.
     */
    static final String TEST_AREA = "350583000000";
    private static final AtomicInteger UNITS = new AtomicInteger();

    private Dispatch() {
    }

    /** An incident as intake reports it, known to dispatch once this returns. */
    static UUID incident(String type, String grade, double latitude, double longitude) {
        UUID id = UUID.randomUUID();
        send(id, "incident.reported", data -> {
            data.put("areaCode", TEST_AREA);
            data.put("type", type);
            data.put("grade", grade);
            ((ObjectNode) data.get("location")).put("latitude", latitude).put("longitude", longitude);
        });
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("dispatcher"))
                        .when().get("/api/incidents/" + id).statusCode() == 200,
                Duration.ofSeconds(20), "incident " + id + " known to dispatch");
        return id;
    }

    /** Publishes an event of the incident's chain, from the schema example with these changes to its data. */
    static void send(UUID incident, String type, Consumer<ObjectNode> edit) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.about(type, incident));
            edit.accept((ObjectNode) event.get("data"));
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                    JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitIncident(UUID incident, String path, Object expected) {
        Eventually.until(() -> expected.equals(given().header("Authorization", TestTokens.bearer("dispatcher"))
                        .when().get("/api/incidents/" + incident).then().extract().path(path)),
                Duration.ofSeconds(20), "incident " + incident + " " + path + " = " + expected);
    }

    /** Registers a unit with a call sign of its own; returns its id. */
    static UUID unit(String prefix, String type, String capabilities, double latitude, double longitude) {
        String callSign = prefix + "-" + UNITS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36)
                .toUpperCase();
        String caps = String.join("\", \"", capabilities.split(" "));
        String id = given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON).body("""
                        {"callSign": "%s", "type": "%s", "capabilities": ["%s"], "areaCode": "%s",
                         "crew": 5, "latitude": %s, "longitude": %s}
                        """.formatted(callSign.replaceAll("[^A-Z0-9-]", ""), type, caps, TEST_AREA, latitude, longitude))
                .when().post("/api/units")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static ValidatableResponse assign(UUID incident, UUID... units) {
        List<String> ids = new ArrayList<>();
        for (UUID unit : units) {
            ids.add("\"" + unit + "\"");
        }
        return given().header("Authorization", TestTokens.bearer("dispatcher"))
                .contentType(ContentType.JSON).body("{\"unitIds\": [" + String.join(", ", ids) + "]}")
                .when().post("/api/incidents/" + incident + "/assignments").then();
    }

    static ValidatableResponse status(UUID unit, String status) {
        return given().header("Authorization", TestTokens.bearer("dispatcher"))
                .contentType(ContentType.JSON).body("{\"status\": \"" + status + "\", \"reason\": \"test\"}")
                .when().put("/api/units/" + unit + "/status").then();
    }

    static String callSignOf(UUID unit) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units/" + unit).then().statusCode(200).extract().path("callSign");
    }

    static String statusOf(UUID unit) {
        return given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/units/" + unit).then().statusCode(200).extract().path("status");
    }

    static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String type(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("type").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
