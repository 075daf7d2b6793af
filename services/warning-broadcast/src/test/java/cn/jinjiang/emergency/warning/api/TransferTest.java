package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.CloudEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
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

import static cn.jinjiang.emergency.shared.testing.CloudEvents.data;
import static cn.jinjiang.emergency.shared.testing.CloudEvents.type;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.draft;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.issue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * 转移 through the API and warning-events: a commander orders three Shenhu villages emptied on an orange typhoon
 * warning; their duty officers count people out (others are refused); the totals add up per village, per town and in
 * total; an area left incomplete at the deadline is announced once; a transfer ends when closed or with its warning.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class TransferTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHENHU = "350582107000";
    private static final String COMMUNITY = "350582107001";
    private static final String YUNHUO = "350582107201";
    private static final String KENGBIAN = "350582107202";
    private static final String KEREN = "350582107203";
    private static final String CIZAO = "350582101000";
    private static final String CIZAO_VILLAGE = "350582101201";
    private static final String COMMANDER = TestTokens.bearer("commander");

    @Test
    void villagesAreCountedOutAndAddUpPerTown() throws Exception {
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String warning = issue("TYPHOON", "ORANGE", SHENHU);
            String transfer = order(warning, OffsetDateTime.now(ZoneOffset.UTC).plusHours(4),
                    area(COMMUNITY, 100, 20, "王建国 (社区书记)"), area(YUNHUO, 50, 5, "陈志明 (村主任)"),
                    area(KENGBIAN, 30, 0, "林海 (村主任)"))
                    .statusCode(201).header("Location", containsString("/api/transfers/"))
                    .body("status", equalTo("OPEN")).body("jurisdiction", equalTo("350582"))
                    .body("totals.planned", equalTo(180)).body("totals.remaining", equalTo(180))
                    .body("towns[0].townCode", equalTo(SHENHU)).body("towns[0].name", equalTo("深沪镇"))
                    .extract().path("id");

            // Each village's officer counts their own; the town's officer may count any of its villages.
            progress(transfer, TestTokens.bearer("duty-officer", COMMUNITY),
                    report(COMMUNITY, 60, 35, 5, 15, "SH-JJ-SHENHU-01")).statusCode(200);
            progress(transfer, TestTokens.bearer("duty-officer", SHENHU), report(YUNHUO, 50, 0, 0, 5, null))
                    .statusCode(200);
            // Officers elsewhere may not: another village of the town, another town.
            progress(transfer, TestTokens.bearer("duty-officer", COMMUNITY), report(YUNHUO, 50, 0, 0, 0, null))
                    .statusCode(403);
            progress(transfer, TestTokens.bearer("duty-officer", CIZAO), report(KENGBIAN, 30, 0, 0, 0, null))
                    .statusCode(403);
            // A recount: the counts no longer add up to the 30 ordered, and say why.
            progress(transfer, TestTokens.bearer("duty-officer", KENGBIAN), """
                    {"areaCode": "%s", "moved": 28, "remaining": 4, "refused": 0,
                     "reason": "复核：新增外来务工人员 2 人"}""".formatted(KENGBIAN)).statusCode(200)
                    .body("areas.find { it.areaCode == '" + KENGBIAN + "' }.planned", equalTo(32))
                    .body("areas.find { it.areaCode == '" + KENGBIAN + "' }.ordered", equalTo(30));

            JsonPath sheet = read(transfer, TestTokens.bearer("duty-officer", COMMUNITY)).statusCode(200)
                    .extract().jsonPath();
            assertEquals(Map.of("planned", 182, "moved", 138, "remaining", 39, "refused", 5, "vulnerable", 25,
                    "vulnerableMoved", 20, "incomplete", 2, "overdue", 0), sheet.getMap("totals"));
            assertEquals(sheet.getMap("totals"), sheet.getMap("towns[0].totals"), "one town: its totals are all");
            assertEquals(List.of("SH-JJ-SHENHU-01"),
                    sheet.getList("areas.find { it.areaCode == '" + COMMUNITY + "' }.shelters"));
            assertEquals("王建国 (社区书记)",
                    sheet.getString("areas.find { it.areaCode == '" + COMMUNITY + "' }.responsible"));
            // Who may read the warning may read its transfers; an officer it does not reach may not.
            read(transfer, TestTokens.bearer("duty-officer", CIZAO)).statusCode(404);
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/warnings/" + warning + "/transfers").then().statusCode(200)
                    .body("id", equalTo(List.of(transfer)));

            // On the topic, keyed by the warning, in order: the order and each count.
            List<ConsumerRecord<String, String>> steps = events.awaitAll(r -> transfer.equals(data(r)
                    .path("transferId").asText()), 4, Duration.ofSeconds(20));
            assertEquals(List.of("transfer.ordered", "transfer.progress-reported", "transfer.progress-reported",
                    "transfer.progress-reported"), steps.stream().map(CloudEvents::type).toList());
            steps.forEach(r -> assertEquals(warning, r.key()));
            JsonNode ordered = data(steps.get(0));
            assertEquals(3, ordered.get("areas").size());
            assertEquals(SHENHU, ordered.get("areas").get(0).get("townCode").asText());
            JsonNode counted = data(steps.get(1));
            assertEquals(60, counted.get("moved").asInt());
            assertEquals("350582", counted.get("jurisdiction").asText());
            assertEquals("test-duty-officer", counted.get("by").asText());

            // A landslide reported in the emptied community is what the transfer was for: it links to it.
            UUID landslide = UUID.randomUUID();
            ObjectNode reported = (ObjectNode) JSON.readTree(SampleEvents.incidentReported(UUID.randomUUID(),
                    landslide, "Landslide behind the community hall"));
            ((ObjectNode) reported.get("data")).put("areaCode", COMMUNITY);
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, landslide.toString(),
                    JSON.writeValueAsString(reported));
            Eventually.until(() -> landslide.toString().equals(read(transfer, COMMANDER).extract()
                    .path("incidentId")), Duration.ofSeconds(20), "the transfer linked to the incident in its area");

            // Closed by a commander: announced with where it stood; counts are final after it.
            given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"台风已过境\"}").when().post("/api/transfers/" + transfer + "/close")
                    .then().statusCode(200).body("status", equalTo("CLOSED"))
                    .body("closedBy", equalTo("test-commander"));
            given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"again\"}").when().post("/api/transfers/" + transfer + "/close")
                    .then().statusCode(409);
            progress(transfer, TestTokens.bearer("duty-officer", COMMUNITY), report(COMMUNITY, 95, 0, 5, 20, null))
                    .statusCode(409);
            JsonNode closed = data(events.await(r -> transfer.equals(data(r).path("transferId").asText())
                    && "transfer.closed".equals(type(r)), Duration.ofSeconds(20)));
            assertEquals(182, closed.get("planned").asInt());
            assertEquals(138, closed.get("moved").asInt());
            assertEquals("test-commander", closed.get("by").asText());
        }
    }

    @Test
    void anAreaStillIncompleteAtTheDeadlineIsToldOnceAndTheTransferEndsWithItsWarning() {
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String warning = issue("TYPHOON", "YELLOW", SHENHU);
            String transfer = order(warning, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3),
                    area(YUNHUO, 40, 0, "陈志明"), area(KEREN, 20, 2, "吴强")).statusCode(201).extract().path("id");
            progress(transfer, COMMANDER, report(YUNHUO, 40, 0, 0, 0, null)).statusCode(200);

            ConsumerRecord<String, String> overdue = events.await(r -> transfer.equals(data(r).path("transferId")
                    .asText()) && "transfer.overdue".equals(type(r)), Duration.ofSeconds(20));
            assertEquals(KEREN, data(overdue).get("areaCode").asText());
            assertEquals(20, data(overdue).get("remaining").asInt());
            assertNull(data(overdue).get("by").textValue());
            List<ConsumerRecord<String, String>> later = events.drain(Duration.ofSeconds(2));
            assertEquals(1, later.stream().filter(r -> transfer.equals(data(r).path("transferId").asText())
                    && "transfer.overdue".equals(type(r))).count(), "told once, and only of the area still short");
            read(transfer, COMMANDER).statusCode(200)
                    .body("areas.find { it.areaCode == '" + KEREN + "' }.overdue", equalTo(true))
                    .body("totals.overdue", equalTo(1));

            // The warning is lifted: counting on its transfer is refused at once, and the transfer ends with it.
            given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Typhoon turned away\"}").when().post("/api/warnings/" + warning + "/cancel")
                    .then().statusCode(200);
            progress(transfer, TestTokens.bearer("duty-officer", KEREN), report(KEREN, 20, 0, 0, 2, null))
                    .statusCode(409);
            JsonNode closed = data(events.await(r -> transfer.equals(data(r).path("transferId").asText())
                    && "transfer.closed".equals(type(r)), Duration.ofSeconds(20)));
            assertEquals("system", closed.get("by").asText());
            assertEquals(20, closed.get("remaining").asInt());
            read(transfer, COMMANDER).statusCode(200).body("status", equalTo("CLOSED"));
        }
    }

    @Test
    void badOrdersAndCountsAreRefusedNamingTheFieldAndNothingIsStored() {
        String warning = issue("TYPHOON", "YELLOW", SHENHU);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        long transfers = PostgresDatabase.countRows("warning_broadcast_test", "transfer");
        order(warning, later, area(CIZAO_VILLAGE, 10, 0, "x")).statusCode(400)
                .body("errors.field", hasItem("areas[0].areaCode"));
        order(warning, later, area(YUNHUO, 10, 0, "x"), area(SHENHU, 10, 0, "y")).statusCode(400)
                .body("errors.field", hasItem("areas[0].areaCode"));
        order(warning, later, area(YUNHUO, 10, 0, "x"), area(YUNHUO, 10, 0, "y")).statusCode(400)
                .body("errors.field", hasItem("areas[1].areaCode"));
        order(warning, later, area(YUNHUO, 0, 0, "x")).statusCode(400)
                .body("errors.field", hasItem("areas[0].planned"));
        order(warning, later, area(YUNHUO, 10, 11, "x")).statusCode(400)
                .body("errors.field", hasItem("areas[0].vulnerable"));
        order(warning, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), area(YUNHUO, 10, 0, "x"))
                .statusCode(400).body("errors.field", hasItem("deadline"));
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(orderBody(later, area(YUNHUO, 10, 0, "x"))).when()
                .post("/api/warnings/" + warning + "/transfers").then().statusCode(403);
        assertEquals(transfers, PostgresDatabase.countRows("warning_broadcast_test", "transfer"),
                "no refused order may be stored");

        String transfer = order(warning, later, area(YUNHUO, 10, 0, "陈志明")).statusCode(201).extract().path("id");
        String officer = TestTokens.bearer("duty-officer", YUNHUO);
        progress(transfer, officer, report(YUNHUO, -1, 11, 0, 0, null)).statusCode(400)
                .body("errors.field", hasItem("moved"));
        progress(transfer, officer, report(YUNHUO, 5, 4, 0, 0, null)).statusCode(400)
                .body("errors.field", hasItem("remaining"));
        progress(transfer, officer, report(YUNHUO, 5, 5, 0, 6, null)).statusCode(400)
                .body("errors.field", hasItem("vulnerableMoved"));
        progress(transfer, TestTokens.bearer("duty-officer", SHENHU), report(KEREN, 5, 5, 0, 0, null))
                .statusCode(400).body("errors.field", hasItem("areaCode"));
        read(transfer, COMMANDER).statusCode(200).body("totals.moved", equalTo(0))
                .body("areas[0].reportedBy", equalTo(null));

        // A draft has no transfer; an unknown warning is 404.
        String draft = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(draft("TYPHOON", "YELLOW", SHENHU)).when().post("/api/warnings").then().statusCode(201)
                .extract().path("id");
        order(draft, later, area(YUNHUO, 10, 0, "x")).statusCode(409);
        order("6f1c1d2e-0000-4000-8000-000000000000", later, area(YUNHUO, 10, 0, "x")).statusCode(404);
    }

    private static String area(String code, int planned, int vulnerable, String responsible) {
        return """
                {"areaCode": "%s", "planned": %d, "vulnerable": %d, "responsible": "%s"}"""
                .formatted(code, planned, vulnerable, responsible);
    }

    private static String orderBody(OffsetDateTime deadline, String... areas) {
        return "{\"areas\": [" + String.join(",", areas) + "], \"deadline\": \"" + deadline
                + "\", \"reason\": \"台风橙色预警：低洼村居人员转移\"}";
    }

    private static ValidatableResponse order(String warning, OffsetDateTime deadline, String... areas) {
        return given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                .body(orderBody(deadline, areas)).when().post("/api/warnings/" + warning + "/transfers").then();
    }

    private static String report(String area, int moved, int remaining, int refused, int vulnerableMoved,
            String shelter) {
        return """
                {"areaCode": "%s", "moved": %d, "remaining": %d, "refused": %d, "vulnerableMoved": %d%s}"""
                .formatted(area, moved, remaining, refused, vulnerableMoved,
                        shelter == null ? "" : ", \"shelters\": [\"" + shelter + "\"]");
    }

    private static ValidatableResponse progress(String transfer, String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/transfers/" + transfer + "/progress").then();
    }

    private static ValidatableResponse read(String transfer, String token) {
        return given().header("Authorization", token).when().get("/api/transfers/" + transfer).then();
    }
}
