package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual aid for stock, through the API and reserve-events: a Licheng incident's allocations take Licheng's stock
 * only, until Jinjiang lends some of its own; then Jinjiang's warehouses supply it, up to the quantities lent.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Reserves.DATABASE))
class MutualAidTest {

    /** An item no other test allocates in Licheng, so that this one may take all of Licheng's. */
    private static final String ITEM = "RAINCOAT";
    private static final String LICHENG_DISPATCHER = TestTokens.in("350502", "dispatcher");
    private static final String LICHENG_COMMANDER = TestTokens.in("350502", "commander");
    private static final String JINJIANG_COMMANDER = TestTokens.in("350582", "commander");

    @Test
    void anotherBureausStockGoesOnlyAsLentByAnAcceptedRequest() {
        JsonPath haibin = Reserves.warehouse("WH-LC-HAIBIN");
        double lat = haibin.getDouble("latitude");
        double lon = haibin.getDouble("longitude");
        UUID incident = Reserves.incident(lat, lon, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30),
                "350502001000");
        int lichengFree = lichengFree();
        assertTrue(lichengFree > 0, "Licheng keeps raincoats");

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            // Licheng's own stock first and only: what it lacks stays uncovered.
            JsonPath own = Reserves.allocate(incident, lat, lon, Map.of(ITEM, lichengFree + 30)).statusCode(201)
                    .body("shortfall", equalTo(true)).extract().jsonPath();
            assertEquals(lichengFree, own.getInt("lines[0].reserved"));
            assertTrue(own.<String>getList("lines[0].picks.warehouseCode").stream().allMatch(MutualAidTest::licheng));
            assertTrue(own.<String>getList("lines[0].picks.jurisdiction").stream().allMatch("350502"::equals));
            assertEquals("350502", own.getString("jurisdiction"));

            ask(incident, LICHENG_DISPATCHER, "350502", 20).statusCode(400)
                    .body("errors.field", hasItem("lendingJurisdiction"));
            String request = ask(incident, LICHENG_DISPATCHER, "350582", 20).statusCode(201)
                    .body("status", equalTo("REQUESTED")).body("items[0].itemCode", equalTo(ITEM))
                    .extract().path("id");

            // Not yet lent: still nothing from Jinjiang.
            Reserves.allocate(incident, lat, lon, Map.of(ITEM, 5)).statusCode(201)
                    .body("lines[0].reserved", equalTo(0));

            accept(request, LICHENG_COMMANDER, null).statusCode(403);
            accept(request, JINJIANG_COMMANDER, "accept-" + request).statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            accept(request, JINJIANG_COMMANDER, "accept-" + request).statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            accept(request, JINJIANG_COMMANDER, null).statusCode(409);

            // Lent 20: Jinjiang's warehouses give 20 of the 30 asked, and nothing more after that.
            JsonPath lent = Reserves.allocate(incident, lat, lon, Map.of(ITEM, 30)).statusCode(201)
                    .extract().jsonPath();
            assertEquals(20, lent.getInt("lines[0].reserved"));
            assertEquals("350502", lent.getString("jurisdiction"), "the allocation is the incident's bureau's");
            List<String> lenders = lent.getList("lines[0].picks.warehouseCode");
            assertTrue(lenders.stream().noneMatch(MutualAidTest::licheng), "from Jinjiang's warehouses: " + lenders);
            Reserves.allocate(incident, lat, lon, Map.of(ITEM, 5)).statusCode(201)
                    .body("lines[0].reserved", equalTo(0));
            // The event names each pick's bureau: the gateway shows the lender what its warehouses supply.
            ConsumerRecord<String, String> allocated = topic.await(r -> "reserve.allocated".equals(Reserves.type(r))
                    && lent.getString("id").equals(Reserves.data(r).path("allocationId").asText()),
                    Duration.ofSeconds(20));
            assertEquals("350502", Reserves.data(allocated).get("jurisdiction").asText());
            Reserves.data(allocated).get("picks")
                    .forEach(pick -> assertEquals("350582", pick.get("jurisdiction").asText()));

            List<ConsumerRecord<String, String>> steps = topic.awaitAll(r -> incident.toString().equals(r.key())
                    && Reserves.type(r).startsWith("reserve.mutual-aid-"), 2, Duration.ofSeconds(20));
            assertEquals(List.of("reserve.mutual-aid-requested", "reserve.mutual-aid-accepted"),
                    steps.stream().map(Reserves::type).toList());
            assertEquals("350582", Reserves.data(steps.get(1)).get("lendingJurisdiction").asText());
            assertEquals(20, Reserves.data(steps.get(1)).get("items").get(0).get("quantity").asInt());
            assertEquals(1, topic.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> "reserve.mutual-aid-accepted".equals(Reserves.type(r))
                            && incident.toString().equals(r.key())).count(), "accepted once, however often asked");

            // Licheng's stock back for the other tests.
            cancel(incident, own.getString("id"));
            cancel(incident, lent.getString("id"));
        }

        for (String token : List.of(LICHENG_DISPATCHER, JINJIANG_COMMANDER, TestTokens.bearer("viewer"))) {
            given().header("Authorization", token).when().get("/api/mutual-aid?status=ACCEPTED")
                    .then().statusCode(200).body("incidentId", hasItem(incident.toString()));
        }
        given().header("Authorization", LICHENG_DISPATCHER).when().get("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(200).body("id", hasItem(request(incident)));
    }

    @Test
    void aWithdrawnRequestLendsNothingAndAnUnansweredOneIsToldOverdueOnce() {
        UUID incident = Reserves.incident(24.9044, 118.5929, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30),
                "350502001000");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            String withdrawn = ask(incident, LICHENG_DISPATCHER, null, 10).statusCode(201).extract().path("id");
            given().header("Authorization", JINJIANG_COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Not theirs to withdraw\"}")
                    .when().post("/api/mutual-aid/" + withdrawn + "/withdraw").then().statusCode(403);
            given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Rain stopped\"}")
                    .when().post("/api/mutual-aid/" + withdrawn + "/withdraw")
                    .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
            accept(withdrawn, JINJIANG_COMMANDER, null).statusCode(409);

            String unanswered = given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                    .body(body("350582", 10, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2)))
                    .when().post("/api/incidents/" + incident + "/mutual-aid")
                    .then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> overdue = topic.await(r -> "reserve.mutual-aid-overdue"
                    .equals(Reserves.type(r)) && unanswered.equals(Reserves.data(r).path("requestId").asText()),
                    Duration.ofSeconds(20));
            assertEquals(incident.toString(), overdue.key());
            assertEquals("REQUESTED", Reserves.data(overdue).get("status").asText());
            assertEquals(1, topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> "reserve.mutual-aid-overdue".equals(Reserves.type(r))
                            && unanswered.equals(Reserves.data(r).path("requestId").asText())).count(),
                    "told overdue once");
            given().header("Authorization", LICHENG_DISPATCHER).when().get("/api/mutual-aid/" + unanswered)
                    .then().statusCode(200).body("overdue", equalTo(true));
            // A Jinjiang command centre sees it (it was asked); a duty officer's scope or another request id does not.
            given().header("Authorization", TestTokens.in("350582", "viewer")).when()
                    .get("/api/mutual-aid/" + unanswered).then().statusCode(200);
            given().header("Authorization", LICHENG_DISPATCHER).when().get("/api/mutual-aid/" + UUID.randomUUID())
                    .then().statusCode(404);
        }
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndNothingIsStored() {
        UUID incident = Reserves.incident(24.9044, 118.5929, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30),
                "350502001000");
        long before = PostgresDatabase.countRows(Reserves.DATABASE, "mutual_aid_request");
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body(body("350582", 10, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("answerBy"));
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body("""
                        {"items": [{"itemCode": "CAVIAR", "quantity": 1}], "reason": "x", "answerBy": "%s"}"""
                        .formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).body("errors.field", hasItem("items[0].itemCode"));
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body("""
                        {"items": [{"itemCode": "%1$s", "quantity": 1}, {"itemCode": "%1$s", "quantity": 2}],
                         "reason": "x", "answerBy": "%2$s"}""".formatted(ITEM, OffsetDateTime.now(ZoneOffset.UTC)
                        .plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).body("errors.field", hasItem("items"));
        given().header("Authorization", LICHENG_DISPATCHER).contentType(ContentType.JSON)
                .body(body("350582", 0, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid")
                .then().statusCode(400).body("errors.field", hasItem("items[0].quantity"));
        // A warehouse keeper keeps stock; asking another bureau is the command centre's.
        given().header("Authorization", TestTokens.in("350502", "warehouse-keeper")).contentType(ContentType.JSON)
                .body(body("350582", 1, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .when().post("/api/incidents/" + incident + "/mutual-aid").then().statusCode(403);
        assertEquals(before, PostgresDatabase.countRows(Reserves.DATABASE, "mutual_aid_request"));
    }

    private static boolean licheng(String warehouseCode) {
        return warehouseCode.startsWith("WH-LC-") || warehouseCode.equals("WH-DISTRICT-LC");
    }

    private static int lichengFree() {
        List<Number> free = Reserves.as("viewer").queryParam("item", ITEM).when().get("/api/stock").then()
                .statusCode(200).extract().path("warehouses.findAll { it.areaCode.startsWith('350502') }.free");
        return free.stream().mapToInt(Number::intValue).sum();
    }

    private static String request(UUID incident) {
        return given().header("Authorization", LICHENG_DISPATCHER).when()
                .get("/api/incidents/" + incident + "/mutual-aid").then().statusCode(200).extract().path("id[0]");
    }

    private static ValidatableResponse ask(UUID incident, String token, String lender, int quantity) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(body(lender, quantity, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(20)))
                .when().post("/api/incidents/" + incident + "/mutual-aid").then();
    }

    private static String body(String lender, int quantity, OffsetDateTime answerBy) {
        return """
                {"items": [{"itemCode": "%s", "quantity": %d}], "reason": "Haibin's shelters short of raincoats",
                 "answerBy": "%s"%s}""".formatted(ITEM, quantity, answerBy,
                lender == null ? "" : ", \"lendingJurisdiction\": \"" + lender + "\"");
    }

    private static ValidatableResponse accept(String request, String token, String key) {
        var call = given().header("Authorization", token);
        if (key != null) {
            call = call.header("Idempotency-Key", key);
        }
        return call.when().post("/api/mutual-aid/" + request + "/accept").then();
    }

    private static void cancel(UUID incident, String allocation) {
        Reserves.as("dispatcher").contentType(ContentType.JSON).body("{\"reason\": \"test over\"}")
                .when().post("/api/incidents/" + incident + "/allocations/" + allocation + "/cancel")
                .then().statusCode(200);
    }
}
