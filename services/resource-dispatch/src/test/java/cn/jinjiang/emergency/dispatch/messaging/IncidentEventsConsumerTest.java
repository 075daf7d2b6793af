package cn.jinjiang.emergency.dispatch.messaging;

import cn.jinjiang.emergency.shared.config.Retention;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.OperationsChecks;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer side of the event plumbing, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IncidentEventsConsumerTest.DATABASE))
class IncidentEventsConsumerTest implements OperationsChecks {

    @Override
    public Map<String, String> endpointPermissions() {
        return Map.ofEntries(
                Map.entry("GET /api/incidents/{id}", AccessPolicy.READ_INCIDENTS),
                Map.entry("GET /api/incidents/{id}/plan", AccessPolicy.READ_INCIDENTS),
                Map.entry("GET /api/incidents/{id}/recommendations", AccessPolicy.DISPATCH_UNITS),
                Map.entry("POST /api/incidents/{id}/assignments", AccessPolicy.DISPATCH_UNITS),
                Map.entry("POST /api/incidents/{id}/assignments/{unitId}/release", AccessPolicy.DISPATCH_UNITS),
                Map.entry("POST /api/incidents/{id}/assignments/{unitId}/reassign", AccessPolicy.DISPATCH_UNITS),
                Map.entry("GET /api/units", AccessPolicy.READ_UNITS),
                Map.entry("POST /api/units", AccessPolicy.MANAGE_UNITS),
                Map.entry("GET /api/units/{id}", AccessPolicy.READ_UNITS),
                Map.entry("PUT /api/units/{id}", AccessPolicy.MANAGE_UNITS),
                Map.entry("PUT /api/units/{id}/status", AccessPolicy.REPORT_UNIT_STATUS),
                Map.entry("PUT /api/units/{id}/position", AccessPolicy.REPORT_UNIT_STATUS),
                Map.entry("GET /api/stations", AccessPolicy.READ_UNITS),
                Map.entry("POST /api/incidents/{id}/mutual-aid", AccessPolicy.DISPATCH_UNITS),
                Map.entry("GET /api/incidents/{id}/mutual-aid", AccessPolicy.READ_UNITS),
                Map.entry("GET /api/mutual-aid", AccessPolicy.READ_UNITS),
                Map.entry("GET /api/mutual-aid/{requestId}", AccessPolicy.READ_UNITS),
                Map.entry("POST /api/mutual-aid/{requestId}/accept", AccessPolicy.ANSWER_MUTUAL_AID),
                Map.entry("POST /api/mutual-aid/{requestId}/decline", AccessPolicy.ANSWER_MUTUAL_AID),
                Map.entry("POST /api/mutual-aid/{requestId}/withdraw", AccessPolicy.DISPATCH_UNITS));
    }

    static final String DATABASE = "resource_dispatch_test";

    @Inject
    Retention retention;

    private static KafkaBroker broker() {
        return RealInfrastructure.broker();
    }

    @Test
    void incidentBecomesKnownOnceItsEventArrives() {
        UUID incident = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(404).contentType("application/problem+json");

        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(UUID.randomUUID(), incident, "Flooded underpass"));

        awaitKnown(incident);
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(200)
                .body("id", equalTo(incident.toString()))
                .body("title", equalTo("Flooded underpass"))
                .body("grade", equalTo("IV"))
                .body("areaCode", equalTo("350582100000"));
    }

    @Test
    void theProjectionFollowsTheReportChainAndIgnoresTypesItDoesNotKnow() {
        UUID incident = UUID.randomUUID();
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(UUID.randomUUID(), incident, "Underpass flooded"));
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.updated", incident));
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.regraded", incident));
        // A type from a newer intake: held to the envelope, applied by nobody here, and consumption goes past it.
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.updated", incident).replace("\"type\":\"incident.updated\"",
                        "\"type\":\"incident.someday\""));
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.closed", incident));
        Eventually.until(() -> "CLOSED".equals(status(incident)), Duration.ofSeconds(20), "the incident closed");
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(200)
                .body("grade", equalTo("IV")).body("casualties.missing", equalTo(3))
                .body("status", equalTo("CLOSED"));

        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.reopened", incident));
        Eventually.until(() -> "OPEN".equals(status(incident)), Duration.ofSeconds(20), "the incident re-opened");

        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.about("incident.merged", incident));
        Eventually.until(() -> "MERGED".equals(status(incident)), Duration.ofSeconds(20), "the incident merged");
    }

    /** The incident's status here; before it is known, the 404 problem's "status" (a number). */
    private static Object status(UUID incident) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident).then().extract().path("status");
    }

    @Test
    void redeliveredEventHasNoSecondEffect() {
        UUID incident = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(event, incident, "First delivery"));
        awaitKnown(incident);

        // Same event id again, as a relay retry would publish it; a changed body shows whether it was applied.
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(event, incident, "Second delivery"));
        UUID marker = onSamePartitionAs(incident);
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, marker.toString(),
                SampleEvents.incidentReported(UUID.randomUUID(), marker, "Later event on the same partition"));
        awaitKnown(marker);

        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(200).body("title", equalTo("First delivery"));
        assertEquals(1, processedCount(event));
    }

    @Test
    void theConsumerLogForgetsOnlyEventsPastItsRetention() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID oldIncident = UUID.randomUUID();
        UUID recentIncident = UUID.randomUUID();
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, oldIncident.toString(),
                SampleEvents.incidentReported(old, oldIncident, "Consumed a month ago"));
        TopicReader.send(broker(), Topics.INCIDENT_EVENTS, recentIncident.toString(),
                SampleEvents.incidentReported(recent, recentIncident, "Consumed just now"));
        awaitKnown(oldIncident);
        awaitKnown(recentIncident);
        queryOne("UPDATE processed_event SET processed_at = now() - interval '31 days' WHERE event_id = ? "
                + "RETURNING 1", old);

        assertTrue(retention.purgeConsumedEvents().await().atMost(Duration.ofSeconds(20)) >= 1);

        assertEquals(0, processedCount(old));
        assertEquals(1, processedCount(recent));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID incident = UUID.randomUUID();
        try (TopicReader deadLetters = new TopicReader(broker(), Topics.deadLetter(Topics.INCIDENT_EVENTS))) {
            TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(), "{not json");
            String outOfRange = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Bad latitude")
                    .replace("24.7189", "124.7189");
            TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(), outOfRange);
            String misfiled = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Misfiled")
                    .replaceFirst("\"subject\":\"[0-9a-f-]+\"", "\"subject\":\"" + UUID.randomUUID() + "\"");
            TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(), misfiled);
            String forged = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Forged by dispatch")
                    .replace("\"source\":\"/incident-intake\"", "\"source\":\"/resource-dispatch\"");
            TopicReader.send(broker(), Topics.INCIDENT_EVENTS, incident.toString(), forged);
            UUID good = UUID.randomUUID();
            TopicReader.send(broker(), Topics.INCIDENT_EVENTS, good.toString(),
                    SampleEvents.incidentReported(UUID.randomUUID(), good, "After the poison"));

            ConsumerRecord<String, String> notJson = deadLetters.await(r -> r.value().equals("{not json"),
                    Duration.ofSeconds(20));
            assertTrue(reason(notJson).contains("not JSON"), reason(notJson));
            ConsumerRecord<String, String> invalid = deadLetters.await(r -> r.value().contains("124.7189"),
                    Duration.ofSeconds(20));
            assertTrue(reason(invalid).contains("latitude"), reason(invalid));
            ConsumerRecord<String, String> wrongSubject = deadLetters.await(r -> r.value().contains("Misfiled"),
                    Duration.ofSeconds(20));
            assertTrue(reason(wrongSubject).contains("is not the event's subject"), reason(wrongSubject));
            ConsumerRecord<String, String> notTheOwner = deadLetters.await(
                    r -> r.value().contains("Forged by dispatch"), Duration.ofSeconds(20));
            assertTrue(reason(notTheOwner).contains("source"), reason(notTheOwner));
            awaitKnown(good);
        }
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(404).body("detail", containsString(incident.toString()));
    }

    @Test
    void aBatchAppliesEachEventOnceAndDeadLettersItsPoisonAlone() {
        UUID incident = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        String refusedByHandler = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Other incident's data")
                .replaceFirst("\"incidentId\":\"[0-9a-f-]+\"", "\"incidentId\":\"" + UUID.randomUUID() + "\"");
        try (TopicReader deadLetters = new TopicReader(broker(), Topics.deadLetter(Topics.INCIDENT_EVENTS))) {
            TopicReader.sendAll(broker(), Topics.INCIDENT_EVENTS, incident.toString(), List.of(
                    SampleEvents.incidentReported(first, incident, "First in batch"),
                    SampleEvents.incidentReported(first, incident, "Same event again in the batch"),
                    "{poison in the batch",
                    refusedByHandler,
                    SampleEvents.incidentReported(last, incident, "Last in batch")));

            awaitTitle(incident, "Last in batch");
            deadLetters.await(r -> r.value().equals("{poison in the batch"), Duration.ofSeconds(20));
            deadLetters.await(r -> r.value().contains("Other incident's data"), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> parked = deadLetters.drain(Duration.ofSeconds(1));
            assertEquals(2, parked.size(), "only the two poison records are dead-lettered");
        }
        assertEquals(1, processedCount(first));
        assertEquals(1, processedCount(last));
        // now() is the transaction's start: one value for both means one transaction applied the batch.
        assertEquals(processedAt(first), processedAt(last), "the batch is applied in one transaction");
    }

    private static void awaitTitle(UUID incident, String title) {
        Eventually.until(() -> {
            var response = given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/incidents/" + incident);
            return response.statusCode() == 200 && title.equals(response.path("title"));
        }, Duration.ofSeconds(20), "incident " + incident + " titled " + title);
    }

    /** Another incident whose key the default partitioner puts on the same partition: it is consumed after it. */
    private static UUID onSamePartitionAs(UUID incident) {
        int partition = partitionOf(incident);
        UUID other = UUID.randomUUID();
        while (partitionOf(other) != partition) {
            other = UUID.randomUUID();
        }
        return other;
    }

    private static int partitionOf(UUID key) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private static void awaitKnown(UUID incident) {
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident).statusCode() == 200,
                Duration.ofSeconds(20), "incident " + incident + " becoming known");
    }

    private static String processedAt(UUID event) {
        return queryOne("SELECT processed_at::text FROM processed_event WHERE event_id = ?", event);
    }

    private static long processedCount(UUID event) {
        return Long.parseLong(queryOne("SELECT count(*) FROM processed_event WHERE event_id = ?", event));
    }

    private static String queryOne(String query, UUID event) {
        try (Connection connection = DriverManager.getConnection(PostgresDatabase.testJdbcUrl(DATABASE),
                PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement sql = connection.prepareStatement(query)) {
            sql.setObject(1, event);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
