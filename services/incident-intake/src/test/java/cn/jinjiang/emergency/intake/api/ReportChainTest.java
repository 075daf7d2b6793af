package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The report chain over HTTP (first, follow-up, final; re-opening; the response level), each step checked in the
 * answer, in the database and in the events read back from incident-events.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class ReportChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANHAI = "350582100000";
    private static final String ANPING = "350582100201";
    private static final String CIZAO = "350582101000";

    private static String firstReport(String type, String area, int deaths, int missing) {
        return """
                {"type": "%s", "title": "Report chain test", "location": {"latitude": 24.72, "longitude": 118.46},
                 "areaCode": "%s", "occurredAt": "%s", "casualties": {"deaths": %d, "missing": %d}}
                """.formatted(type, area, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30), deaths, missing);
    }

    private static String followUp(String kind, int deaths, int missing, String situation) {
        return """
                {"kind": "%s", "casualties": {"deaths": %d, "seriousInjuries": 1, "missing": %d},
                 "peopleEvacuated": 1200, "housesCollapsed": 14, "situation": "%s",
                 "actionsTaken": "Anhai fire station and the town's flood team on site"}
                """.formatted(kind, deaths, missing, situation);
    }

    private static String report(String role, String area, String type, int deaths, int missing) {
        return given().header("Authorization", TestTokens.bearer(role, area))
                .contentType(ContentType.JSON).body(firstReport(type, area, deaths, missing))
                .when().post("/api/incidents")
                .then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse file(String role, String area, String id, String body) {
        return given().header("Authorization", area == null ? TestTokens.bearer(role) : TestTokens.bearer(role, area))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents/" + id + "/reports").then();
    }

    private static List<JsonNode> events(TopicReader topic, String id, int count) throws Exception {
        List<ConsumerRecord<String, String>> records = topic.awaitAll(r -> id.equals(r.key()), count,
                Duration.ofSeconds(15));
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            events.add(JSON.readTree(record.value()));
        }
        return events;
    }

    @Test
    void followUpRestatesTheTollRegradesAndTheFinalReportCloses() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = report("duty-officer", ANHAI, "TYPHOON", 0, 0);

            // 30 dead and 20 missing: a natural disaster counts them together (50) -> III.
            file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 30, 20, "Seawall breached at Anhai port"))
                    .statusCode(201)
                    .body("grade", equalTo("III")).body("assessedGrade", equalTo("III"))
                    .body("status", equalTo("OPEN")).body("reportCount", equalTo(2))
                    .body("casualties.missing", equalTo(20)).body("peopleEvacuated", equalTo(1200))
                    .body("situation", equalTo("Seawall breached at Anhai port"))
                    .body("reports.kind", contains("FIRST", "FOLLOW_UP"))
                    .body("reports.grade", contains("IV", "III"))
                    .body("reports[1].reportedBy", equalTo("test-duty-officer"));

            file("duty-officer", ANHAI, id, followUp("FINAL", 31, 0, "All missing accounted for; 31 dead"))
                    .statusCode(201)
                    .body("status", equalTo("CLOSED")).body("closedAt", not(nullValue()))
                    .body("grade", equalTo("IV")).body("reports.kind", contains("FIRST", "FOLLOW_UP", "FINAL"));

            List<JsonNode> events = events(topic, id, 5);
            assertEquals(List.of("incident.reported", "incident.updated", "incident.regraded", "incident.closed",
                    "incident.regraded"), events.stream().map(e -> e.get("type").asText()).toList());
            JsonNode updated = events.get(1).get("data");
            assertEquals(2, updated.get("sequence").asInt());
            assertEquals("FOLLOW_UP", updated.get("kind").asText());
            assertEquals(20, updated.at("/casualties/missing").asInt());
            assertEquals("III", updated.get("grade").asText());
            JsonNode regraded = events.get(2).get("data");
            assertEquals("IV", regraded.get("previousGrade").asText());
            assertEquals("III", regraded.get("grade").asText());
            assertEquals("REPORT", regraded.get("cause").asText());
            assertEquals(updated.get("reportId").asText(), regraded.get("reportId").asText());
            assertEquals("test-duty-officer", regraded.get("changedBy").asText());
            assertEquals("FINAL", events.get(3).at("/data/kind").asText());
            assertEquals("IV", events.get(4).at("/data/grade").asText());
        }
    }

    @Test
    void aClosedIncidentTakesNoReportUntilACommanderReopensIt() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = report("duty-officer", ANHAI, "FIRE", 0, 0);
            file("duty-officer", ANHAI, id, followUp("FINAL", 0, 0, "Fire out")).statusCode(201);
            long reports = IntakeDatabase.count("incident_report");

            file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 1, 0, "One body found"))
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", startsWith("Incident " + id + " is closed"));
            assertEquals(reports, IntakeDatabase.count("incident_report"), "nothing stored");

            String reopen = "/api/incidents/" + id + "/reopen";
            given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI)).contentType(ContentType.JSON)
                    .body("{\"reason\": \"body found\"}").when().post(reopen).then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"reason\": \" \"}").when().post(reopen)
                    .then().statusCode(400).body("errors.field", hasItem("reason"));
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"reason\": \"A body was found in the debris\"}").when().post(reopen)
                    .then().statusCode(200).body("status", equalTo("OPEN")).body("closedAt", nullValue())
                    .body("decisions.kind", contains("REOPENED"))
                    .body("decisions[0].decidedBy", equalTo("test-commander"));
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"reason\": \"again\"}").when().post(reopen).then().statusCode(409);

            file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 1, 0, "One body found")).statusCode(201)
                    .body("reportCount", equalTo(3));

            List<JsonNode> events = events(topic, id, 4);
            assertEquals(List.of("incident.reported", "incident.closed", "incident.reopened", "incident.updated"),
                    events.stream().map(e -> e.get("type").asText()).toList());
            assertEquals("A body was found in the debris", events.get(2).at("/data/reason").asText());
            assertEquals("test-commander", events.get(2).at("/data/reopenedBy").asText());
        }
    }

    @Test
    void theCommandersResponseLevelStandsUntilCleared() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = report("dispatcher", ANHAI, "HAZARDOUS_CHEMICALS", 1, 0);
            String level = "/api/incidents/" + id + "/response-level";

            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"level\": \"II\", \"reason\": \"x\"}").when().put(level).then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"level\": \"II\"}").when().put(level)
                    .then().statusCode(400).body("errors.field", hasItem("reason"));
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"level\": \"II\", \"reason\": \"Chlorine cloud drifting towards Anhai school\"}")
                    .when().put(level)
                    .then().statusCode(200).body("grade", equalTo("II")).body("assessedGrade", equalTo("IV"))
                    .body("responseLevel", equalTo("II"));

            // A follow-up's figures (4 dead -> III) do not move a standing response level.
            file("dispatcher", null, id, followUp("FOLLOW_UP", 4, 0, "Four workers dead"))
                    .statusCode(201).body("grade", equalTo("II")).body("assessedGrade", equalTo("III"));

            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"level\": null, \"reason\": \"Cloud dispersed; grade by the figures again\"}")
                    .when().put(level)
                    .then().statusCode(200).body("grade", equalTo("III")).body("responseLevel", nullValue())
                    .body("decisions.kind", contains("RESPONSE_LEVEL_SET", "RESPONSE_LEVEL_CLEARED"));

            List<JsonNode> events = events(topic, id, 4);
            assertEquals(List.of("incident.reported", "incident.regraded", "incident.updated", "incident.regraded"),
                    events.stream().map(e -> e.get("type").asText()).toList());
            JsonNode set = events.get(1).get("data");
            assertEquals("RESPONSE_LEVEL_SET", set.get("cause").asText());
            assertEquals("IV", set.get("previousGrade").asText());
            assertEquals("II", set.get("grade").asText());
            assertEquals("Chlorine cloud drifting towards Anhai school", set.get("reason").asText());
            assertEquals("test-commander", set.get("changedBy").asText());
            assertEquals("II", events.get(2).at("/data/grade").asText());
            JsonNode cleared = events.get(3).get("data");
            assertEquals("RESPONSE_LEVEL_CLEARED", cleared.get("cause").asText());
            assertEquals("II", cleared.get("previousGrade").asText());
            assertEquals("III", cleared.get("grade").asText());
        }
    }

    @ParameterizedTest(name = "{0} deaths={1} missing={2} -> {3}")
    @CsvSource({
            "FIRE, 2, 0, IV", "FIRE, 3, 0, III", "FIRE, 9, 0, III", "FIRE, 10, 0, II", "FIRE, 29, 0, II",
            "FIRE, 30, 0, I", "FIRE, 2, 40, IV",
            "EARTHQUAKE, 30, 19, IV", "EARTHQUAKE, 30, 20, III", "EARTHQUAKE, 99, 1, II",
            "EARTHQUAKE, 100, 100, I"})
    void aFirstReportIsGradedByItsCategory(String type, int deaths, int missing, String grade) throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = given().header("Authorization", TestTokens.bearer("dispatcher"))
                    .contentType(ContentType.JSON).body(firstReport(type, ANHAI, deaths, missing))
                    .when().post("/api/incidents")
                    .then().statusCode(201).body("grade", equalTo(grade)).extract().path("id");
            assertEquals(grade, events(topic, id, 1).get(0).at("/data/grade").asText());
        }
    }

    @Test
    void anOfficerFilesAndReadsOnlyInTheirOwnAreaAndBelow() {
        String anping = report("duty-officer", ANPING, "GAS_LEAK", 0, 0);
        // The town's officer files a follow-up for the community below it; Cizao's officer does not see it at all.
        file("duty-officer", ANHAI, anping, followUp("FOLLOW_UP", 0, 0, "Valve closed")).statusCode(201);
        file("duty-officer", CIZAO, anping, followUp("FOLLOW_UP", 0, 0, "Valve closed")).statusCode(404);
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .when().get("/api/incidents/" + anping).then().statusCode(404);
        file("warehouse-keeper", null, anping, followUp("FOLLOW_UP", 0, 0, "x")).statusCode(403);
        file("dispatcher", null, UUID.randomUUID().toString(), followUp("FOLLOW_UP", 0, 0, "x")).statusCode(404);
    }

    @Test
    void badFollowUpsAreRefusedNamingTheFieldAndLeaveNothingBehind() {
        String id = report("duty-officer", ANHAI, "FIRE", 0, 0);
        long reports = IntakeDatabase.count("incident_report");
        file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 0, 0, "ok").replace("\"FOLLOW_UP\"", "\"LATEST\""))
                .statusCode(400).body("errors.field", hasItem("kind"));
        file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", -1, 0, "ok"))
                .statusCode(400).body("errors.field", hasItem("casualties.deaths"));
        file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 100_001, 0, "ok"))
                .statusCode(400).body("errors.field", hasItem("casualties.deaths"));
        file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 0, 0, "\u200b"))
                .statusCode(400).body("errors.field", hasItem("situation"));
        file("duty-officer", ANHAI, id, followUp("FOLLOW_UP", 0, 0, "x".repeat(4001)))
                .statusCode(400).body("errors.field", hasItem("situation"));
        file("duty-officer", ANHAI, id, "{\"situation\": \"no kind\"}")
                .statusCode(400).body("errors.field", hasItem("kind"));
        assertEquals(reports, IntakeDatabase.count("incident_report"));
    }

    @Test
    void theListFiltersByAreaIncludingVillagesStatusGradeTypeAndTime() {
        String village = report("duty-officer", ANPING, "WATERLOGGING", 0, 0);
        String town = report("duty-officer", ANHAI, "WATERLOGGING", 3, 0);
        String cizao = report("duty-officer", CIZAO, "WATERLOGGING", 0, 0);
        file("duty-officer", ANHAI, town, followUp("FINAL", 0, 0, "Drained")).statusCode(201);

        given().header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("areaCode", ANHAI).queryParam("type", "WATERLOGGING").queryParam("size", 100)
                .when().get("/api/incidents")
                .then().statusCode(200)
                .body("items.id", hasItems(village, town)).body("items.id", not(hasItem(cizao)))
                .body("items.areaCode", everyItem(startsWith("350582100")))
                .body("items[0].reports", nullValue());
        given().header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("areaCode", ANHAI).queryParam("status", "CLOSED").queryParam("size", 100)
                .when().get("/api/incidents")
                .then().statusCode(200).body("items.id", hasItem(town)).body("items.id", not(hasItem(village)))
                .body("items.status", everyItem(equalTo("CLOSED")));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .queryParam("occurredFrom", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString())
                .when().get("/api/incidents")
                .then().statusCode(200).body("total", equalTo(0));
        // A duty officer asking for another town gets nothing of it.
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .queryParam("areaCode", ANHAI).when().get("/api/incidents")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO)).queryParam("size", 100)
                .when().get("/api/incidents")
                .then().statusCode(200).body("items.id", hasItem(cizao))
                .body("items.areaCode", everyItem(startsWith("350582101")));
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("size", 2)
                .when().get("/api/incidents")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("size", equalTo(2));

        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("status", "SHUT")
                .when().get("/api/incidents").then().statusCode(400).body("errors.field", hasItem("status"));
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("occurredFrom", "yesterday")
                .when().get("/api/incidents").then().statusCode(400).body("errors.field", hasItem("occurredFrom"));
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("size", 1000)
                .when().get("/api/incidents").then().statusCode(400);
    }

    @Test
    void incidentTypesAreServedWithTheirCategories() {
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .when().get("/api/incident-types")
                .then().statusCode(200)
                .body("size()", equalTo(19))
                .body("find { it.code == 'TYPHOON' }.category", equalTo("NATURAL_DISASTER"))
                .body("find { it.code == 'TYPHOON' }.nameZh", equalTo("台风"))
                .body("find { it.code == 'GAS_LEAK' }.category", equalTo("ACCIDENT"));
    }

    @Test
    void aRetriedReopeningOrMergeAnswersAsTheFirstTime() {
        String id = report("duty-officer", ANHAI, "FIRE", 0, 0);
        file("duty-officer", ANHAI, id, followUp("FINAL", 0, 0, "Fire out")).statusCode(201);
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("Authorization", TestTokens.bearer("commander")).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body("{\"reason\": \"Smoke again from the roof\"}")
                    .when().post("/api/incidents/" + id + "/reopen")
                    .then().statusCode(200).body("status", equalTo("OPEN")).body("decisions.kind", contains("REOPENED"));
        }
        String other = report("duty-officer", ANHAI, "FIRE", 0, 0);
        String mergeKey = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("Authorization", TestTokens.bearer("commander")).header("Idempotency-Key", mergeKey)
                    .contentType(ContentType.JSON).body("{\"into\": \"" + id + "\", \"reason\": \"Same roof\"}")
                    .when().post("/api/incidents/" + other + "/merge")
                    .then().statusCode(200).body("id", equalTo(id)).body("reportCount", equalTo(3));
        }
    }

    @Test
    void aRetriedFollowUpIsFiledOnceAndAReusedKeyIsRefused() {
        String id = report("duty-officer", ANHAI, "FIRE", 0, 0);
        String key = UUID.randomUUID().toString();
        String body = followUp("FOLLOW_UP", 1, 0, "Retried over a poor network");
        for (int attempt = 0; attempt < 2; attempt++) {
            given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI)).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/api/incidents/" + id + "/reports")
                    .then().statusCode(201).body("reportCount", equalTo(2));
        }
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(followUp("FOLLOW_UP", 2, 0, "Another body"))
                .when().post("/api/incidents/" + id + "/reports")
                .then().statusCode(422);
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + id)
                .then().statusCode(200).body("reportCount", equalTo(2));
    }
}
