package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Population coverage on the real area tree: a town (with its villages) is targeted, the platform reports playback per
 * terminal over HTTP and on broadcast-acks, with repeats, a failure later made good, and a poison report.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class CoverageTest {

    private static final String CIZAO = "350582101000";
    private static final String PLATFORM = TestTokens.bearer("broadcast-system");

    private static String issue() {
        String id = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("""
                        {"hazard": "RAINSTORM", "level": "YELLOW", "headline": "磁灶镇暴雨黄色预警",
                         "instruction": "远离河道", "areaCodes": ["%s"], "expiresAt": "%s"}
                        """.formatted(CIZAO, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)))
                .when().post("/api/warnings").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("commander")).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200);
        return id;
    }

    private static String ack(String warning, String terminal, String outcome) {
        return """
                {"warningId": "%s", "capIdentifier": "%s.1", "terminalCode": "%s", "outcome": "%s",
                 "reportedAt": "%s"}""".formatted(warning, warning, terminal, outcome, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static JsonPath coverage(String warning) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/warnings/" + warning + "/coverage").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void coverageCountsEachTerminalOnceAndRollsVillagesUpToTheTown() {
        String warning = issue();
        List<Map<String, Object>> terminals = given().header("Authorization", PLATFORM)
                .when().get("/api/terminals?area=" + CIZAO).then().statusCode(200).extract().jsonPath().getList("");
        assertTrue(terminals.size() >= 6, "Cizao and its villages have terminals");
        Map<String, Object> first = terminals.get(0);
        Map<String, Object> second = terminals.get(1);
        Map<String, Object> third = terminals.get(2);

        JsonPath before = coverage(warning);
        assertEquals(terminals.size(), before.getInt("overall.terminals"));
        assertEquals(terminals.size(), before.getInt("overall.pending"));
        assertEquals(0, before.getInt("overall.reached"));

        // One played, reported twice; one failed and then played on a retry; one failed for good.
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body("{\"acks\": [" + String.join(",", ack(warning, code(first), "PLAYED"),
                        ack(warning, code(first), "PLAYED"), ack(warning, code(second), "FAILED"),
                        ack(warning, code(third), "FAILED")) + "]}")
                .when().post("/api/broadcast/acks").then().statusCode(200)
                .body("received", org.hamcrest.Matchers.equalTo(4)).body("changed", org.hamcrest.Matchers.equalTo(3));
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body("{\"acks\": [" + ack(warning, code(second), "PLAYED") + "," + ack(warning, code(first), "FAILED")
                        + "]}")
                .when().post("/api/broadcast/acks").then().statusCode(200)
                .body("changed", org.hamcrest.Matchers.equalTo(1));

        JsonPath after = coverage(warning);
        int population = after.getInt("overall.population");
        long reached = served(first) + served(second);
        assertEquals(reached, after.getLong("overall.reached"));
        assertEquals(2, after.getInt("overall.played"));
        assertEquals(1, after.getInt("overall.failed"));
        assertEquals(terminals.size() - 3, after.getInt("overall.pending"));
        assertEquals(Math.round(1000.0 * reached / population) / 10.0, after.getDouble("overall.coveragePercent"));
        // The town's line is the overall one; each terminal's village has a line of its own.
        Map<String, Object> town = line(after, CIZAO);
        assertEquals(after.getInt("overall.terminals"), ((Number) town.get("terminals")).intValue());
        Map<String, Object> village = line(after, (String) first.get("areaCode"));
        assertTrue(((Number) village.get("played")).intValue() >= 1);
    }

    @Test
    void coverageIsAnnouncedAsReportsArriveAndAShortfallOnceTheDeadlinePasses() throws Exception {
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String reached = issue();
            String silent = issue();
            String terminal = code(given().header("Authorization", PLATFORM)
                    .when().get("/api/terminals?area=" + CIZAO).then().extract().jsonPath()
                    .<Map<String, Object>>getList("").get(0));
            given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                    .body("{\"acks\": [" + ack(reached, terminal, "PLAYED") + "]}")
                    .when().post("/api/broadcast/acks").then().statusCode(200);

            var changed = events.await(r -> reached.equals(r.key())
                    && r.value().contains("\"type\":\"warning.coverage-changed\""), Duration.ofSeconds(20));
            var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(changed.value()).get("data");
            assertEquals(1, data.at("/overall/played").asInt());

            // Nothing played for the other one: after the deadline (3 s in tests) its town is named as lagging, once.
            var shortfall = events.await(r -> silent.equals(r.key())
                    && r.value().contains("\"type\":\"warning.coverage-shortfall\""), Duration.ofSeconds(20));
            var lagging = new com.fasterxml.jackson.databind.ObjectMapper().readTree(shortfall.value()).get("data");
            assertEquals(0.0, lagging.at("/overall/coveragePercent").asDouble());
            assertTrue(lagging.get("lagging").toString().contains(CIZAO), lagging.toString());
            assertEquals(1, events.drain(Duration.ofSeconds(2)).stream().filter(r -> silent.equals(r.key())
                    && r.value().contains("warning.coverage-shortfall")).count(), "announced once");
        }
    }

    @Test
    void aReportOnTheTopicCountsAndOneThatCanNeverApplyIsDeadLettered() {
        String warning = issue();
        List<Map<String, Object>> terminals = given().header("Authorization", PLATFORM)
                .when().get("/api/terminals?area=" + CIZAO).then().extract().jsonPath().getList("");
        String terminal = code(terminals.get(0));
        try (TopicReader deadLetters = new TopicReader(RealInfrastructure.broker(),
                Topics.deadLetter(Topics.BROADCAST_ACKS))) {
            TopicReader.send(RealInfrastructure.broker(), Topics.BROADCAST_ACKS, warning, event(warning, terminal));
            TopicReader.send(RealInfrastructure.broker(), Topics.BROADCAST_ACKS, warning,
                    event(warning, "T-NO-SUCH-TERMINAL"));
            Eventually.until(() -> coverage(warning).getInt("overall.played") == 1, Duration.ofSeconds(20),
                    "the report from the topic counted");
            deadLetters.await(r -> r.value().contains("T-NO-SUCH-TERMINAL"), Duration.ofSeconds(20));
        }
        // Over HTTP the same report is a 400 naming the field, and nothing of the batch is recorded.
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body("{\"acks\": [" + ack(warning, code(terminals.get(1)), "PLAYED") + ","
                        + ack(warning, "T-NO-SUCH-TERMINAL", "PLAYED") + "]}")
                .when().post("/api/broadcast/acks").then().statusCode(400).body(containsString("terminalCode"));
        assertEquals(1, coverage(warning).getInt("overall.played"));
    }

    private static String event(String warning, String terminal) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/broadcast-platform", "type": "broadcast.ack",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json",
                 "dataschema": "https://emergency.jinjiang.gov.cn/schemas/events/broadcast.ack.schema.json",
                 "data": %s}""".formatted(UUID.randomUUID(), warning, OffsetDateTime.now(ZoneOffset.UTC),
                ack(warning, terminal, "PLAYED"));
    }

    private static String code(Map<String, Object> terminal) {
        return (String) terminal.get("code");
    }

    private static long served(Map<String, Object> terminal) {
        return ((Number) terminal.get("populationServed")).longValue();
    }

    private static Map<String, Object> line(JsonPath coverage, String area) {
        return coverage.<Map<String, Object>>getList("areas").stream()
                .filter(l -> area.equals(l.get("areaCode"))).findFirst().orElseThrow();
    }
}
