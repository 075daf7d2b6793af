package cn.jinjiang.emergency.dispatch.messaging;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer whose database is away for longer than its unhealthy-after (2 s in tests) holds its events instead of
 * dead-lettering them: readiness names it DOWN meanwhile, and once the database is back every event is applied, in
 * order, none is in the dead-letter topic, and readiness is UP again.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IncidentEventsConsumerTest.DATABASE))
class ConsumerOutageTest {

    private static final String CONSUMERS = "Kafka consumers applying their batches";

    @Test
    void aDatabaseOutageHoldsTheEventsAndReadinessSaysSoUntilTheyApply() {
        UUID before = UUID.randomUUID();
        send(before, SampleEvents.incidentReported(UUID.randomUUID(), before, "Before the outage"));
        awaitStatus(before, 200);
        List<UUID> during = Stream.generate(UUID::randomUUID).limit(3).toList();
        String database = PostgresDatabase.suffixed(IncidentEventsConsumerTest.DATABASE);
        try (TopicReader deadLetters = new TopicReader(RealInfrastructure.broker(),
                Topics.deadLetter(Topics.INCIDENT_EVENTS))) {
            PostgresDatabase.takeAway(database);
            try {
                for (UUID incident : during) {
                    send(incident, SampleEvents.incidentReported(UUID.randomUUID(), incident, "During the outage"));
                }
                // A follow-up of the first: it must not overtake its first report, nor find it unknown.
                send(during.get(0), SampleEvents.about("incident.closed", during.get(0)));

                Eventually.until(() -> consumerState(503).startsWith("no batch applied since"),
                        Duration.ofSeconds(30), "readiness naming the incident-events consumer DOWN");
                JsonPath ready = readiness(503);
                assertEquals("DOWN", ready.getString("checks.find { it.name == '" + CONSUMERS + "' }.status"));
            } finally {
                PostgresDatabase.bringBack(database);
            }

            during.forEach(incident -> awaitStatus(incident, 200));
            assertEquals("CLOSED", incident(during.get(0)).path("status"));
            Eventually.until(() -> "applying".equals(consumerState(200)), Duration.ofSeconds(30),
                    "readiness UP again");
            List<ConsumerRecord<String, String>> parked = deadLetters.drain(Duration.ofSeconds(2));
            assertTrue(parked.stream().noneMatch(r -> during.stream().anyMatch(id -> r.value().contains(id.toString()))),
                    "an event of the outage was dead-lettered: " + parked);
        }
    }

    private static void send(UUID incident, String event) {
        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, incident.toString(), event);
    }

    /** The incident-events consumer's line in readiness, once readiness answers {@code status}; else "". */
    private static String consumerState(int status) {
        Response response = given().when().get("/q/health/ready");
        if (response.statusCode() != status) {
            return "";
        }
        Map<String, Object> data = response.jsonPath().get("checks.find { it.name == '" + CONSUMERS + "' }.data");
        return data == null ? "" : String.valueOf(data.getOrDefault(Topics.INCIDENT_EVENTS, ""));
    }

    private static JsonPath readiness(int status) {
        return given().when().get("/q/health/ready").then().statusCode(status).extract().jsonPath();
    }

    private static Response incident(UUID incident) {
        return given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + incident);
    }

    private static void awaitStatus(UUID incident, int status) {
        Eventually.until(() -> incident(incident).statusCode() == status, Duration.ofSeconds(30),
                "incident " + incident + " answering " + status);
    }
}
