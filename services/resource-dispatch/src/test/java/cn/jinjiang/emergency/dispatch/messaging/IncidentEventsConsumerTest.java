package cn.jinjiang.emergency.dispatch.messaging;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.OperationsChecks;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    static final String DATABASE = "resource_dispatch_test";

    private static String bootstrap() {
        return RealInfrastructure.broker().bootstrapServers();
    }

    @Test
    void incidentBecomesKnownOnceItsEventArrives() {
        UUID incident = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(404).contentType("application/problem+json");

        TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(),
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
    void redeliveredEventHasNoSecondEffect() {
        UUID incident = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(event, incident, "First delivery"));
        awaitKnown(incident);

        // Same event id again, as a relay retry would publish it; a changed body shows whether it was applied.
        TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(event, incident, "Second delivery"));
        UUID marker = UUID.randomUUID();
        TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(UUID.randomUUID(), marker, "Later event on the same partition"));
        awaitKnown(marker);

        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(200).body("title", equalTo("First delivery"));
        assertEquals(1, processedCount(event));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID incident = UUID.randomUUID();
        try (TopicReader deadLetters = new TopicReader(bootstrap(), Topics.deadLetter(Topics.INCIDENT_EVENTS))) {
            TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(), "{not json");
            String outOfRange = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Bad latitude")
                    .replace("24.7189", "124.7189");
            TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(), outOfRange);
            String misfiled = SampleEvents.incidentReported(UUID.randomUUID(), incident, "Misfiled")
                    .replaceFirst("\"subject\":\"[0-9a-f-]+\"", "\"subject\":\"" + UUID.randomUUID() + "\"");
            TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, incident.toString(), misfiled);
            UUID good = UUID.randomUUID();
            TopicReader.send(bootstrap(), Topics.INCIDENT_EVENTS, good.toString(),
                    SampleEvents.incidentReported(UUID.randomUUID(), good, "After the poison"));

            ConsumerRecord<String, String> notJson = deadLetters.await(r -> r.value().equals("{not json"),
                    Duration.ofSeconds(20));
            assertTrue(reason(notJson).contains("not JSON"), reason(notJson));
            ConsumerRecord<String, String> invalid = deadLetters.await(r -> r.value().contains("124.7189"),
                    Duration.ofSeconds(20));
            assertTrue(reason(invalid).contains("latitude"), reason(invalid));
            ConsumerRecord<String, String> wrongSubject = deadLetters.await(r -> r.value().contains("Misfiled"),
                    Duration.ofSeconds(20));
            assertTrue(reason(wrongSubject).contains("is not incident " + incident), reason(wrongSubject));
            awaitKnown(good);
        }
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident)
                .then().statusCode(404).body("detail", containsString(incident.toString()));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private static void awaitKnown(UUID incident) {
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident).statusCode() == 200,
                Duration.ofSeconds(20), "incident " + incident + " becoming known");
    }

    private static long processedCount(UUID event) {
        try (Connection connection = DriverManager.getConnection(PostgresDatabase.jdbcUrl(DATABASE),
                PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement sql = connection.prepareStatement(
                     "SELECT count(*) FROM processed_event WHERE event_id = ?")) {
            sql.setObject(1, event);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
