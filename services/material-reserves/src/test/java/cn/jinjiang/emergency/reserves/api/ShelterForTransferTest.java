package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.jinjiang.emergency.shared.testing.CloudEvents.data;
import static cn.jinjiang.emergency.shared.testing.CloudEvents.type;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shelters opened before any incident, for a warning or a transfer (转移) ordered on one, learnt of from
 * warning-events as warning-broadcast announces them: the opening names them on reserve-events, an unknown one is 400
 * naming its field, an ended one 409, and occupancy under fifty concurrent reports never passes capacity.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class ShelterForTransferTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SHENHU = "350582107000";
    private static final String COMMANDER = TestTokens.bearer("commander");

    @Test
    void aShelterOpensForATransferAndNamesItOnTheTopic() throws Exception {
        UUID warning = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        announceWarning(warning, "ACTIVE");
        announceTransfer(warning, transfer, "transfer.ordered");
        awaitKnown("transfer", transfer);

        Map<String, Object> shelter = shelterIn(SHENHU);
        UUID id = UUID.fromString((String) shelter.get("id"));
        int capacity = (Integer) shelter.get("capacity");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            open(id, "transferId", transfer).statusCode(200).body("status", equalTo("OPEN"))
                    .body("transferId", equalTo(transfer.toString())).body("warningId", equalTo(warning.toString()))
                    .body("incidentId", nullValue());
            open(id, "transferId", transfer).statusCode(409);
            ConsumerRecord<String, String> opened = topic.await(r -> "shelter.opened".equals(type(r))
                    && id.toString().equals(data(r).path("shelterId").asText()), WAIT);
            assertEquals(id.toString(), opened.key(), "no incident: keyed by the shelter");
            assertEquals(transfer.toString(), data(opened).get("transferId").asText());
            assertEquals(warning.toString(), data(opened).get("warningId").asText());

            // A flood reported in the transfer's village is what the shelter was opened for: it links to it.
            UUID flood = UUID.randomUUID();
            ObjectNode reported = (ObjectNode) JSON.readTree(SampleEvents.incidentReported(UUID.randomUUID(), flood,
                    "Seawater over the Shenhu dyke"));
            ((ObjectNode) reported.get("data")).put("areaCode", "350582107001");
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, flood.toString(),
                    JSON.writeValueAsString(reported));
            Eventually.until(() -> flood.toString().equals(given().header("Authorization", COMMANDER)
                    .when().get("/api/shelters/" + id).then().extract().path("incidentId")), WAIT,
                    "the shelter linked to the incident in its transfer's area");

            // Fifty arrivals at once, together more than it holds: it fills to capacity and never past it.
            int each = Math.max(1, capacity / 40);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Callable<Integer>> arrivals = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                arrivals.add(() -> report(id, "{\"arrived\": " + each + "}").extract().statusCode());
            }
            int accepted = 0;
            for (Future<Integer> status : pool.invokeAll(arrivals)) {
                assertTrue(status.get() == 200 || status.get() == 409, "200 or 409, not " + status.get());
                accepted += status.get() == 200 ? 1 : 0;
            }
            pool.shutdown();
            int inside = given().header("Authorization", COMMANDER).when().get("/api/shelters/" + id).then()
                    .statusCode(200).extract().path("occupancy");
            assertEquals(accepted * each, inside, "each accepted arrival counted once");
            assertTrue(inside <= capacity && inside > capacity - each, inside + " of " + capacity);

            // The transfer ends: its shelter stays open with its people; no other opens for it.
            announceTransfer(warning, transfer, "transfer.closed");
            awaitStatus("transfer", transfer, "CLOSED");
            given().header("Authorization", COMMANDER).when().get("/api/shelters/" + id).then()
                    .body("status", equalTo("OPEN")).body("occupancy", equalTo(inside));
            Map<String, Object> other = shelterIn(SHENHU);
            open(UUID.fromString((String) other.get("id")), "transferId", transfer).statusCode(409);

            // Everyone home, then closed: shelter.closed still names what it was open for.
            report(id, "{\"left\": " + inside + "}").statusCode(200);
            given().header("Authorization", COMMANDER).contentType(ContentType.JSON).body("{\"note\": \"all home\"}")
                    .when().post("/api/shelters/" + id + "/close").then().statusCode(200)
                    .body("transferId", nullValue()).body("warningId", nullValue());
            ConsumerRecord<String, String> closed = topic.await(r -> "shelter.closed".equals(type(r))
                    && id.toString().equals(data(r).path("shelterId").asText()), WAIT);
            assertEquals(transfer.toString(), data(closed).get("transferId").asText());
        }
    }

    @Test
    void aShelterOpensForAWarningInForceOnlyAndWhatItOpensForIsNamedOnce() throws Exception {
        UUID warning = UUID.randomUUID();
        announceWarning(warning, "ACTIVE");
        awaitKnown("warning", warning);
        UUID id = UUID.fromString((String) shelterIn("350582100000").get("id"));

        open(id, "warningId", UUID.randomUUID()).statusCode(400).body("errors.field", hasItem("warningId"));
        open(id, "transferId", UUID.randomUUID()).statusCode(400).body("errors.field", hasItem("transferId"));
        given().header("Authorization", COMMANDER).contentType(ContentType.JSON).body("{\"note\": \"nothing named\"}")
                .when().post("/api/shelters/" + id + "/open").then().statusCode(400)
                .body("errors.field", hasItem("incidentId"));
        given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                .body("{\"warningId\": \"" + warning + "\", \"transferId\": \"" + UUID.randomUUID() + "\"}")
                .when().post("/api/shelters/" + id + "/open").then().statusCode(400)
                .body("errors.field", hasItem("incidentId"));
        given().header("Authorization", COMMANDER).when().get("/api/shelters/" + id).then().body("status",
                equalTo("CLOSED"));

        announceWarning(warning, "CANCELLED");
        awaitStatus("warning", warning, "CANCELLED");
        open(id, "warningId", warning).statusCode(409);

        UUID live = UUID.randomUUID();
        announceWarning(live, "ACTIVE");
        awaitKnown("warning", live);
        open(id, "warningId", live).statusCode(200).body("warningId", equalTo(live.toString()))
                .body("transferId", nullValue());
    }

    /** A warning.issued (or .cancelled) for Shenhu, as warning-broadcast announces it, about no incident. */
    private static void announceWarning(UUID warning, String status) throws IOException {
        String type = "ACTIVE".equals(status) ? "warning.issued" : "warning.cancelled";
        ObjectNode event = example(type, warning);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("warningId", warning.toString()).putNull("incidentId").put("status", status);
        data.putArray("areaCodes").add(SHENHU);
        send(warning, event);
    }

    private static void announceTransfer(UUID warning, UUID transfer, String type) throws IOException {
        ObjectNode event = example(type, warning);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("transferId", transfer.toString()).put("warningId", warning.toString()).putNull("incidentId");
        send(warning, event);
    }

    private static ObjectNode example(String type, UUID subject) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(RepositoryRoot.get().resolve("schemas/examples/" + type
                + ".json").toFile());
        event.put("id", UUID.randomUUID().toString()).put("subject", subject.toString())
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event;
    }

    private static void send(UUID key, ObjectNode event) throws IOException {
        TopicReader.send(RealInfrastructure.broker(), Topics.WARNING_EVENTS, key.toString(),
                JSON.writeValueAsString(event));
    }

    private static void awaitKnown(String table, UUID id) {
        Eventually.until(() -> status(table, id) != null, WAIT, table + " " + id + " known to the reserves");
    }

    private static void awaitStatus(String table, UUID id, String status) {
        Eventually.until(() -> status.equals(status(table, id)), WAIT, table + " " + id + " " + status);
    }

    private static String status(String table, UUID id) {
        try (Connection db = DriverManager.getConnection(ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class), "emergency", "emergency");
             PreparedStatement query = db.prepareStatement("SELECT status FROM " + table + " WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> shelterIn(String area) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?area=" + area + "&status=CLOSED&size=1")
                .then().statusCode(200).extract().path("items[0]");
    }

    private static ValidatableResponse open(UUID shelter, String field, UUID what) {
        return given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                .body("{\"" + field + "\": \"" + what + "\", \"note\": \"Transfer before the typhoon\"}")
                .when().post("/api/shelters/" + shelter + "/open").then();
    }

    private static ValidatableResponse report(UUID shelter, String body) {
        return given().header("Authorization", TestTokens.bearer("duty-officer", SHENHU))
                .contentType(ContentType.JSON).body(body).when().post("/api/shelters/" + shelter + "/occupancy")
                .then();
    }
}
