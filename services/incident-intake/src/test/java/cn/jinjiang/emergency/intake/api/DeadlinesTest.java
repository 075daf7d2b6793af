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
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reporting deadlines over the real interfaces: an overdue follow-up is announced on incident-events exactly once, the
 * incident shows what is owed, and the timeliness figures of a known set of reports come out as counted by hand.
 * The test profile makes a grade I incident's follow-up due after 3 s (other grades keep their hours and days).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class DeadlinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANHAI = "350582100000";
    /** Changtai street (Licheng): no other test reports there, so its figures are this test's alone. */
    private static final String CHANGTAI = "350502008000";
    private static final String OVERDUE = "incident.report-overdue";

    private static String report(String area, int deaths, OffsetDateTime occurredAt) {
        return given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("""
                        {"type": "FIRE", "title": "Deadline test", "location": {"latitude": 24.9, "longitude": 118.6},
                         "areaCode": "%s", "occurredAt": "%s", "casualties": {"deaths": %d}}
                        """.formatted(area, occurredAt, deaths))
                .when().post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    private static void file(String id, String kind) {
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"kind\": \"" + kind + "\", \"casualties\": {\"deaths\": 30}, \"situation\": \"Update\"}")
                .when().post("/api/incidents/" + id + "/reports").then().statusCode(201);
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean overdueOf(ConsumerRecord<String, String> record, String id) {
        return id.equals(record.key()) && OVERDUE.equals(json(record).get("type").asText());
    }

    @Test
    void anOverdueFollowUpIsAnnouncedOnceAndShownUntilAReportComes() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = report(ANHAI, 30, now.minusMinutes(10));
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + id)
                    .then().statusCode(200).body("grade", equalTo("I"))
                    .body("deadlines.kind", containsInAnyOrder("NEXT_REPORT", "FINAL_REPORT"))
                    .body("deadlines.overdue", not(hasItem(true)));

            JsonNode overdue = json(topic.await(r -> overdueOf(r, id), Duration.ofSeconds(20))).get("data");
            assertEquals("NEXT_REPORT", overdue.get("kind").asText());
            assertEquals("I", overdue.get("grade").asText());
            assertEquals(ANHAI, overdue.get("areaCode").asText());
            String deadline = overdue.get("deadlineId").asText();

            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + id)
                    .then().statusCode(200)
                    .body("deadlines.find { it.kind == 'NEXT_REPORT' }.overdue", equalTo(true));

            // Several more passes of the check (every 500 ms in tests) announce nothing more for that deadline.
            List<ConsumerRecord<String, String>> seen = topic.drain(Duration.ofSeconds(2));
            assertEquals(1, seen.stream().filter(r -> overdueOf(r, id))
                    .filter(r -> deadline.equals(json(r).at("/data/deadlineId").asText())).count());

            // A late follow-up meets it; the next one is owed from now; the final report ends what is owed.
            file(id, "FOLLOW_UP");
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + id)
                    .then().statusCode(200)
                    .body("deadlines.find { it.kind == 'NEXT_REPORT' }.overdue", equalTo(false));
            file(id, "FINAL");
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + id)
                    .then().statusCode(200).body("status", equalTo("CLOSED")).body("deadlines", equalTo(List.of()));
            long announced = topic.drain(Duration.ofSeconds(4)).stream().filter(r -> overdueOf(r, id)).count();
            assertEquals(1, announced, "a closed incident owes nothing, so nothing more goes overdue");
        }
    }

    @Test
    void aRaisedResponseLevelBringsTheNextReportForward() {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            // Grade IV: the next report is due in a day. Raised to I, it is due 3 s after the latest report.
            String id = report(ANHAI, 0, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"level\": \"I\", \"reason\": \"Spreading to the chemical store\"}")
                    .when().put("/api/incidents/" + id + "/response-level").then().statusCode(200);
            JsonNode overdue = json(topic.await(r -> overdueOf(r, id), Duration.ofSeconds(20))).get("data");
            assertEquals("NEXT_REPORT", overdue.get("kind").asText());
            assertEquals("I", overdue.get("grade").asText());
        }
    }

    @Test
    void timelinessCountsReportsDueOnTimeLateAndMissingPerTown() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            report(CHANGTAI, 0, now.minusMinutes(30));            // first report on time
            report(CHANGTAI, 0, now.minusHours(3));               // first report two hours late
            String gradeI = report(CHANGTAI, 30, now.minusMinutes(20)); // on time; its follow-up will be missed
            topic.await(r -> overdueOf(r, gradeI), Duration.ofSeconds(20));
        }
        String from = now.minusDays(1).toString();
        String to = now.plusHours(1).toString();

        given().header("Authorization", TestTokens.bearer("commander"))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200)
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.due", equalTo(4))
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.onTime", equalTo(2))
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.late", equalTo(1))
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.missing", equalTo(1))
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.onTimeShare", equalTo(0.5f));

        // Per bureau: the prefecture's caller sees each county's towns added up, and the counties add up to the total.
        JsonPath all = given().header("Authorization", TestTokens.bearer("commander"))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200).body("areas.find { it.areaCode == '" + CHANGTAI + "' }.jurisdiction",
                        equalTo("350502"))
                .extract().jsonPath();
        int lichengTowns = all.<Integer>getList("areas.findAll { it.jurisdiction == '350502' }.due").stream()
                .mapToInt(Integer::intValue).sum();
        assertTrue(lichengTowns >= 4, "Changtai's four at least: " + lichengTowns);
        assertEquals(lichengTowns, all.getInt("jurisdictions.find { it.jurisdiction == '350502' }.due"));
        assertEquals("350502000000", all.getString("jurisdictions.find { it.jurisdiction == '350502' }.areaCode"));
        assertEquals(all.getInt("total.due"),
                all.<Integer>getList("jurisdictions.due").stream().mapToInt(Integer::intValue).sum());
        // Jinjiang's command centre counts Jinjiang only.
        given().header("Authorization", TestTokens.in("350582", "commander"))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200).body("areas.jurisdiction", not(hasItem("350502")))
                .body("jurisdictions.jurisdiction", not(hasItem("350502")));

        // Two first reports were due half an hour from now but came early: they count at once, not when due.
        given().header("Authorization", TestTokens.bearer("commander"))
                .queryParam("from", from).queryParam("to", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString())
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200)
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.due", equalTo(4))
                .body("areas.find { it.areaCode == '" + CHANGTAI + "' }.onTime", equalTo(2));

        // A duty officer gets their own area only.
        given().header("Authorization", TestTokens.bearer("duty-officer", CHANGTAI))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200).body("areas.areaCode", contains(CHANGTAI)).body("total.due", equalTo(4));
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(200).body("areas.areaCode", not(hasItem(CHANGTAI)));

        given().header("Authorization", TestTokens.bearer("commander")).queryParam("from", "last week")
                .when().get("/api/statistics/timeliness")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        given().header("Authorization", TestTokens.bearer("commander")).queryParam("from", to).queryParam("to", from)
                .when().get("/api/statistics/timeliness")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        given().header("Authorization", TestTokens.bearer("warehouse-keeper"))
                .when().get("/api/statistics/timeliness").then().statusCode(403);
    }
}
