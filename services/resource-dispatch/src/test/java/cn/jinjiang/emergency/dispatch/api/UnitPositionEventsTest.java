package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Position reports are published coalesced (unit.position-changed): at most one per unit per interval (2 s in tests),
 * the latest position wins, and the last one reported is always published.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class UnitPositionEventsTest {

    private static final double LAT = 42.7;
    private static final double LON = 104.9;
    private static final int REPORTS = 12;
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Test
    void aBurstOfReportsYieldsFewerEventsAndTheLastCarriesTheLastPosition() throws IOException {
        UUID unit = Dispatch.unit("JJ-MOVING", "AMBULANCE", "MEDICAL", LAT, LON);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            for (int i = 1; i <= REPORTS; i++) {
                move(unit, LAT + i * 0.001);
            }
            double last = LAT + REPORTS * 0.001;
            topic.await(r -> isPosition(r, unit) && Math.abs(Dispatch.data(r).at("/position/latitude").asDouble()
                    - last) < 1e-9, Duration.ofSeconds(15));
            // Nothing more is to come for this unit: wait out another interval and then some.
            List<ConsumerRecord<String, String>> events = topic.drain(INTERVAL.plusSeconds(1)).stream()
                    .filter(r -> isPosition(r, unit)).toList();

            assertTrue(events.size() < REPORTS, events.size() + " events for " + REPORTS + " reports");
            JsonNode newest = Dispatch.data(events.get(events.size() - 1));
            assertEquals(last, newest.at("/position/latitude").asDouble(), 1e-9);
            assertEquals(REPORTS, newest.get("positionVersion").asLong());
            for (ConsumerRecord<String, String> event : events) {
                // An idle unit's events are keyed by its own id, as its status changes are.
                assertEquals(unit.toString(), event.key());
                assertEquals(unit.toString(), Dispatch.JSON.readTree(event.value()).get("subject").asText());
            }
            for (int i = 1; i < events.size(); i++) {
                Duration apart = Duration.between(time(events.get(i - 1)), time(events.get(i)));
                assertTrue(apart.compareTo(INTERVAL.minusMillis(100)) >= 0, "published " + apart + " apart");
                assertTrue(Dispatch.data(events.get(i)).get("positionVersion").asLong()
                        > Dispatch.data(events.get(i - 1)).get("positionVersion").asLong(), "newest wins");
            }
        }
    }

    @Test
    void aUnitBusyWithAnIncidentHasItsPositionsKeyedByTheIncident() {
        UUID incident = Dispatch.incident("FIRE", "IV", LAT + 1, LON);
        UUID unit = Dispatch.unit("JJ-BUSY", "FIRE_ENGINE", "FIRE", LAT + 1.01, LON);
        Dispatch.assign(incident, unit).statusCode(201);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            move(unit, LAT + 1.005);
            ConsumerRecord<String, String> event = topic.await(r -> isPosition(r, unit), Duration.ofSeconds(15));
            assertEquals(incident.toString(), event.key());
            assertEquals(incident.toString(), Dispatch.data(event).get("incidentId").asText());
            assertEquals(LAT + 1.005, Dispatch.data(event).at("/position/latitude").asDouble(), 1e-9);
        }
    }

    private static void move(UUID unit, double latitude) {
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"latitude\": " + latitude + ", \"longitude\": " + LON + "}")
                .when().put("/api/units/" + unit + "/position")
                .then().statusCode(200);
    }

    private static boolean isPosition(ConsumerRecord<String, String> record, UUID unit) {
        return "unit.position-changed".equals(Dispatch.type(record))
                && unit.toString().equals(Dispatch.data(record).path("unitId").asText());
    }

    private static OffsetDateTime time(ConsumerRecord<String, String> record) throws IOException {
        return OffsetDateTime.parse(Dispatch.JSON.readTree(record.value()).get("time").asText());
    }
}
