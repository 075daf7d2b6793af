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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sending units: the race for one unit, all-or-nothing requests, release and reassignment, and bad requests. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class AssignmentTest {

    private static final double LAT = 42.1;
    private static final double LON = 104.7;
    private static final int RACERS = 50;

    @Test
    void fiftyDispatchersRaceForOneUnitAndExactlyOneGetsIt() throws Exception {
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            incidents.add(Dispatch.incident("ROAD_TRAFFIC", "IV", LAT, LON + i * 0.001));
        }
        UUID unit = Dispatch.unit("JJ-RACE", "AMBULANCE", "MEDICAL", LAT, LON);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (UUID incident : incidents) {
                Callable<Integer> race = () -> {
                    start.await();
                    return Dispatch.assign(incident, unit).extract().statusCode();
                };
                answers.add(pool.submit(race));
            }
            start.countDown();
            int won = 0;
            int lost = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                won += status == 201 ? 1 : 0;
                lost += status == 409 ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, won, "exactly one request books the unit");
            assertEquals(RACERS - 1, lost, "every other request is told it lost");

            topic.await(r -> "dispatch.assigned".equals(Dispatch.type(r))
                    && unit.toString().equals(Dispatch.data(r).get("unitId").asText()), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> more = topic.drain(Duration.ofSeconds(2));
            assertEquals(1, more.stream().filter(r -> "dispatch.assigned".equals(Dispatch.type(r))
                    && unit.toString().equals(Dispatch.data(r).get("unitId").asText())).count(),
                    "one dispatch.assigned for the unit, no more");
        }
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/units/" + unit)
                .then().body("status", equalTo("DISPATCHED")).body("timeline", hasSize(1));
    }

    @Test
    void aRequestBooksAllItsUnitsOrNone() {
        UUID incident = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID other = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID free = Dispatch.unit("JJ-FREE", "FIRE_ENGINE", "FIRE", LAT, LON);
        UUID busy = Dispatch.unit("JJ-BUSY", "FIRE_ENGINE", "FIRE", LAT, LON);
        Dispatch.assign(other, busy).statusCode(201);

        Dispatch.assign(incident, free, busy).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("JJ-BUSY"));
        assertEquals("AVAILABLE", Dispatch.statusOf(free), "nothing half-applied");
        given().header("Authorization", TestTokens.bearer("dispatcher")).when().get("/api/incidents/" + incident)
                .then().body("assignments", hasSize(0));
    }

    @Test
    void releaseSendsAUnitHomeOrBackAndReassignmentMovesItOn() throws Exception {
        UUID fire = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID leak = Dispatch.incident("GAS_LEAK", "IV", LAT + 0.02, LON);
        UUID waiting = Dispatch.unit("JJ-WAIT", "FIRE_ENGINE", "FIRE", LAT, LON);
        UUID moving = Dispatch.unit("JJ-MOVING", "FIRE_ENGINE", "FIRE HAZMAT", LAT, LON);
        Dispatch.assign(fire, waiting, moving).statusCode(201).body("unit.callSign", hasSize(2));
        Dispatch.status(moving, "EN_ROUTE").statusCode(200);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Fire out before it left\"}")
                    .when().post("/api/incidents/" + fire + "/assignments/" + waiting + "/release")
                    .then().statusCode(200).body("status", equalTo("AVAILABLE"));
            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"toIncidentId\": \"" + leak + "\", \"reason\": \"Hazmat engine needed at the leak\"}")
                    .when().post("/api/incidents/" + fire + "/assignments/" + moving + "/reassign")
                    .then().statusCode(200).body("incidentId", equalTo(leak.toString()))
                    .body("unit.status", equalTo("DISPATCHED"));

            ConsumerRecord<String, String> released = topic.await(r -> "dispatch.released".equals(Dispatch.type(r))
                    && waiting.toString().equals(Dispatch.data(r).get("unitId").asText()), Duration.ofSeconds(20));
            assertEquals("RELEASED", Dispatch.data(released).get("cause").asText());
            assertEquals("Fire out before it left", Dispatch.data(released).get("reason").asText());
            assertEquals(fire.toString(), released.key());
            ConsumerRecord<String, String> reassigned = topic.await(r -> "dispatch.released"
                    .equals(Dispatch.type(r)) && moving.toString().equals(Dispatch.data(r).get("unitId").asText()),
                    Duration.ofSeconds(20));
            JsonNode data = Dispatch.data(reassigned);
            assertEquals("REASSIGNED", data.get("cause").asText());
            assertEquals(leak.toString(), data.get("reassignedTo").asText());
            ConsumerRecord<String, String> assigned = topic.await(r -> "dispatch.assigned".equals(Dispatch.type(r))
                    && moving.toString().equals(Dispatch.data(r).get("unitId").asText())
                    && leak.toString().equals(r.key()), Duration.ofSeconds(20));
            assertEquals(leak.toString(), Dispatch.data(assigned).get("incidentId").asText());
        }
        given().header("Authorization", TestTokens.bearer("dispatcher")).when().get("/api/incidents/" + fire)
                .then().statusCode(200)
                .body("assignments.open", equalTo(List.of(false, false)))
                .body(of(waiting) + ".releaseReason", equalTo("Fire out before it left"))
                .body(of(moving) + ".releaseReason", equalTo("Hazmat engine needed at the leak"))
                .body(of(moving) + ".timeline.status", equalTo(List.of("DISPATCHED", "EN_ROUTE")));
        // Releasing again is a conflict: the unit is no longer on this incident.
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"reason\": \"again\"}")
                .when().post("/api/incidents/" + fire + "/assignments/" + waiting + "/release")
                .then().statusCode(409).contentType("application/problem+json");
    }

    /** The path of the unit's assignment in the incident's list (assignments made together share a time). */
    private static String of(UUID unit) {
        return "assignments.find { it.unit.id == '" + unit + "' }";
    }

    @Test
    void aRetriedAssignmentAnswersAsTheFirstTime() {
        UUID incident = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID unit = Dispatch.unit("JJ-RETRY", "FIRE_ENGINE", "FIRE", LAT, LON);
        String body = "{\"unitIds\": [\"" + unit + "\"]}";
        String first = given().header("Authorization", TestTokens.bearer("dispatcher"))
                .header("Idempotency-Key", "assign-" + unit).contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents/" + incident + "/assignments")
                .then().statusCode(201).extract().asString();
        String again = given().header("Authorization", TestTokens.bearer("dispatcher"))
                .header("Idempotency-Key", "assign-" + unit).contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents/" + incident + "/assignments")
                .then().statusCode(201).extract().asString();
        assertEquals(first, again);
    }

    @Test
    void badAssignmentsAreRefusedAndNothingIsBooked() {
        UUID incident = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID unit = Dispatch.unit("JJ-BADREQ", "FIRE_ENGINE", "FIRE", LAT, LON);

        Dispatch.assign(incident, unit, UUID.randomUUID()).statusCode(400)
                .contentType("application/problem+json").body(containsString("unitIds"));
        Dispatch.assign(incident, unit, unit).statusCode(400).body(containsString("unitIds"));
        Dispatch.assign(UUID.randomUUID(), unit).statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"unitIds\": []}").when().post("/api/incidents/" + incident + "/assignments")
                .then().statusCode(400).body(containsString("unitIds"));
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"unitIds\": [\"" + unit + "\"], \"priority\": 1}")
                .when().post("/api/incidents/" + incident + "/assignments")
                .then().statusCode(400).body(containsString("priority"));
        assertEquals("AVAILABLE", Dispatch.statusOf(unit));

        Dispatch.send(incident, "incident.closed", data -> { });
        Dispatch.awaitIncident(incident, "status", "CLOSED");
        Dispatch.assign(incident, unit).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CLOSED"));
        assertEquals("AVAILABLE", Dispatch.statusOf(unit));
    }
}
