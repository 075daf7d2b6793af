package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mutual aid between the two bureaus, through the API and dispatch-events: Licheng's command centre may not send
 * Jinjiang's units to its incident until Jinjiang lends them, and then only as many of each type as it lent.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class MutualAidTest {

    private static final String HAIBIN = "350502001000";
    /** A village of Zimao no reference unit is based in: Jinjiang's test units, kept apart from the registry's. */
    private static final String JINJIANG_TEST_AREA = "350582112999";
    private static final String LICHENG_DISPATCHER = TestTokens.in("350502", "dispatcher");
    private static final String LICHENG_COMMANDER = TestTokens.in("350502", "commander");
    private static final String JINJIANG_COMMANDER = TestTokens.in("350582", "commander");

    @Test
    void anotherBureausUnitsGoOnlyAsLentByAnAcceptedRequest() {
        UUID incident = lichengIncident();
        UUID engine = jinjiangUnit("FIRE_ENGINE", "FIRE");
        UUID second = jinjiangUnit("FIRE_ENGINE", "FIRE");

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            // Not Licheng's to send.
            assign(incident, engine).statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("jurisdiction 350582"));
            assertEquals("AVAILABLE", Dispatch.statusOf(engine));

            // Asking one's own bureau is not mutual aid.
            ask(incident, LICHENG_DISPATCHER, "350502").statusCode(400)
                    .body("errors.field", hasItem("lendingJurisdiction"));
            String request = ask(incident, LICHENG_DISPATCHER, "350582").statusCode(201)
                    .body("status", equalTo("REQUESTED")).body("requestingJurisdiction", equalTo("350502"))
                    .extract().path("id");

            assertEquals(0, jinjiangOffered(incident), "not offered before Jinjiang lends");
            // Licheng cannot accept its own request; Jinjiang's commander can, once.
            accept(request, LICHENG_COMMANDER, null).statusCode(403);
            accept(request, JINJIANG_COMMANDER, "accept-" + request).statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            accept(request, JINJIANG_COMMANDER, "accept-" + request).statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            accept(request, JINJIANG_COMMANDER, null).statusCode(409);

            // Offered after Licheng's own, as many as lent: one engine (the ambulance lent has no FIRE).
            assertEquals(1, jinjiangOffered(incident), "one Jinjiang engine offered once lent");
            // One engine lent: one goes, a second is refused.
            assign(incident, engine).statusCode(201);
            assign(incident, second).statusCode(409).body("detail", containsString("lend 1 FIRE_ENGINE"));

            List<ConsumerRecord<String, String>> steps = topic.awaitAll(r -> incident.toString().equals(r.key())
                    && List.of("dispatch.mutual-aid-requested", "dispatch.mutual-aid-accepted", "dispatch.assigned")
                    .contains(Dispatch.type(r)), 3, Duration.ofSeconds(20));
            assertEquals(List.of("dispatch.mutual-aid-requested", "dispatch.mutual-aid-accepted",
                    "dispatch.assigned"), steps.stream().map(Dispatch::type).toList(), "one of each, in order");
            assertEquals("350582", Dispatch.data(steps.get(1)).get("lendingJurisdiction").asText());
            assertEquals(request, Dispatch.data(steps.get(1)).get("requestId").asText());
            assertEquals("350582", Dispatch.data(steps.get(2)).get("unitJurisdiction").asText(), "a lent unit");
            assertEquals(1, topic.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> "dispatch.mutual-aid-accepted".equals(Dispatch.type(r))
                            && incident.toString().equals(r.key())).count(), "accepted once, however often asked");
        }

        // Both bureaus see the request; the prefecture's too.
        for (String token : List.of(LICHENG_DISPATCHER, JINJIANG_COMMANDER, TestTokens.bearer("viewer"))) {
            given().header("Authorization", token).when().get("/api/mutual-aid?status=ACCEPTED")
                    .then().statusCode(200).body("incidentId", hasItem(incident.toString()));
        }
    }

    @Test
    void aDeclinedOrWithdrawnRequestLendsNothingAndAnUnansweredOneIsToldOverdueOnce() {
        UUID incident = lichengIncident();
        UUID engine = jinjiangUnit("FIRE_ENGINE", "FIRE");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            String declined = ask(incident, LICHENG_DISPATCHER, null).statusCode(201).extract().path("id");
            given().header("Authorization", JINJIANG_COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"All ambulances at the Anhai flood\"}")
                    .when().post("/api/mutual-aid/" + declined + "/decline")
                    .then().statusCode(200).body("status", equalTo("DECLINED"));
            accept(declined, JINJIANG_COMMANDER, null).statusCode(409);
            assign(incident, engine).statusCode(409);

            String withdrawn = ask(incident, LICHENG_DISPATCHER, null).statusCode(201).extract().path("id");
            given().header("Authorization", JINJIANG_COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Not theirs to withdraw\"}")
                    .when().post("/api/mutual-aid/" + withdrawn + "/withdraw").then().statusCode(403);
            given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Fire under control\"}")
                    .when().post("/api/mutual-aid/" + withdrawn + "/withdraw")
                    .then().statusCode(200).body("status", equalTo("WITHDRAWN"));

            // Asked to be answered within a moment, and not answered.
            String unanswered = given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                    .body(body("350582", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2)))
                    .when().post("/api/incidents/" + incident + "/mutual-aid")
                    .then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> overdue = topic.await(r -> "dispatch.mutual-aid-overdue"
                    .equals(Dispatch.type(r)) && unanswered.equals(Dispatch.data(r).path("requestId").asText()),
                    Duration.ofSeconds(20));
            assertEquals(incident.toString(), overdue.key());
            assertEquals("REQUESTED", Dispatch.data(overdue).get("status").asText());
            assertEquals(1, topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> "dispatch.mutual-aid-overdue".equals(Dispatch.type(r))
                            && unanswered.equals(Dispatch.data(r).path("requestId").asText())).count(),
                    "told overdue once");
            given().header("Authorization", LICHENG_DISPATCHER).when().get("/api/mutual-aid/" + unanswered)
                    .then().statusCode(200).body("overdue", equalTo(true));
        }
    }

    @Test
    void badRequestsAreRefusedAndNothingIsStored() {
        UUID incident = lichengIncident();
        long before = PostgresDatabase.countRows(Dispatch.DATABASE, "mutual_aid_request");
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body(body("350582", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).body("errors.field", hasItem("answerBy"));
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body("""
                        {"units": [{"type": "SUBMARINE", "count": 1}], "reason": "x",
                         "answerBy": "%s"}""".formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400);
        ask(incident, LICHENG_DISPATCHER, "350583").statusCode(400)
                .body("errors.field", hasItem("lendingJurisdiction"));
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body("""
                        {"units": [{"type": "FIRE_ENGINE", "count": 1}, {"type": "FIRE_ENGINE", "count": 2}],
                         "reason": "x", "answerBy": "%s"}""".formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).body("errors.field", hasItem("units"));
        // Jinjiang's command centre does not ask on behalf of Licheng's incident: it cannot see it.
        ask(incident, TestTokens.in("350582", "dispatcher"), null).statusCode(404);
        assertEquals(before, PostgresDatabase.countRows(Dispatch.DATABASE, "mutual_aid_request"));
        given().header("Authorization", TestTokens.in("350582", "viewer")).when().get("/api/mutual-aid")
                .then().statusCode(200).body("incidentId", not(hasItem(incident.toString())));
    }

    /** How many Jinjiang units the recommendations for every FIRE-capable unit offer Licheng's incident. */
    private static long jinjiangOffered(UUID incident) {
        List<String> offered = given().header("Authorization", LICHENG_DISPATCHER)
                .when().get("/api/incidents/" + incident + "/recommendations?capability=FIRE&count=100")
                .then().statusCode(200).extract().path("lines[0].units.callSign");
        return offered.stream().filter(callSign -> callSign.startsWith("JJ-")).count();
    }

    private static UUID lichengIncident() {
        UUID incident = UUID.randomUUID();
        Dispatch.send(incident, "incident.reported", data -> data.put("areaCode", HAIBIN));
        Eventually.until(() -> given().header("Authorization",
                        LICHENG_DISPATCHER).when().get("/api/incidents/" + incident).statusCode() == 200,
                Duration.ofSeconds(20), "Licheng's incident known to dispatch");
        return incident;
    }

    /** A Jinjiang unit of the tests' own, away from the registry's figures. */
    private static UUID jinjiangUnit(String type, String capability) {
        String callSign = "JJ-MA-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String id = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("""
                        {"callSign": "%s", "type": "%s", "capabilities": ["%s"], "areaCode": "%s",
                         "crew": 5, "latitude": 24.90, "longitude": 118.59}
                        """.formatted(callSign, type, capability, JINJIANG_TEST_AREA))
                .when().post("/api/units").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static String body(String lender, OffsetDateTime answerBy) {
        return """
                {"units": [{"type": "FIRE_ENGINE", "count": 1}, {"type": "AMBULANCE", "count": 1}],
                 "reason": "Warehouse fire in Haibin: Licheng's engines all committed",
                 "answerBy": "%s"%s}""".formatted(answerBy,
                lender == null ? "" : ", \"lendingJurisdiction\": \"" + lender + "\"");
    }

    private static ValidatableResponse ask(UUID incident, String token, String lender) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(body(lender, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(20)))
                .when().post("/api/incidents/" + incident + "/mutual-aid").then();
    }

    private static ValidatableResponse accept(String request, String token, String key) {
        var call = given().header("Authorization", token);
        if (key != null) {
            call = call.header("Idempotency-Key", key);
        }
        return call.when().post("/api/mutual-aid/" + request + "/accept").then();
    }

    private static ValidatableResponse assign(UUID incident, UUID unit) {
        return given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body("{\"unitIds\": [\"" + unit + "\"]}")
                .when().post("/api/incidents/" + incident + "/assignments").then();
    }
}
