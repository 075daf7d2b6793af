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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class IncidentResourceTest {

    static final String ANHAI = "350582100000";
    static final String CIZAO = "350582101000";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String report(String areaCode, double latitude, int deaths) {
        return """
                {"type": "BUILDING_COLLAPSE", "title": "Self-built house collapsed on Anping road",
                 "location": {"latitude": %s, "longitude": 118.46}, "areaCode": "%s",
                 "occurredAt": "%s", "casualties": {"deaths": %d, "seriousInjuries": 2, "minorInjuries": 5},
                 "directLossCny": 3000000}
                """.formatted(latitude, areaCode, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(15), deaths);
    }

    @Test
    void firstReportIsStoredGradedAndPublishedKeyedByIncident() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(),
                Topics.INCIDENT_EVENTS)) {
            String id = given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                    .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 4))
                    .when().post("/api/incidents")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/incidents/"))
                    .body("grade", equalTo("III"))
                    .body("status", equalTo("OPEN"))
                    .body("reports.kind", contains("FIRST"))
                    .body("reportedBy", equalTo("test-duty-officer"))
                    .extract().path("id");

            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), Duration.ofSeconds(10));
            JsonNode event = JSON.readTree(record.value());
            assertEquals("incident.reported", event.get("type").asText());
            assertEquals("/incident-intake", event.get("source").asText());
            assertEquals(id, event.get("subject").asText());
            assertEquals("III", event.at("/data/grade").asText());
            assertEquals("350582", event.at("/data/jurisdiction").asText(), "Jinjiang's report");
            assertEquals(4, event.at("/data/casualties/deaths").asInt());
            assertEquals(event.get("id").asText(),
                    new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));

            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(200).body("areaCode", equalTo(ANHAI)).body("grade", equalTo("III"));
            given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(200).body("id", equalTo(id));
            given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void commandCentreMayReportForAnyArea() {
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .contentType(ContentType.JSON).body(report(CIZAO, 24.81, 0))
                .when().post("/api/incidents")
                .then().statusCode(201).body("grade", equalTo("IV"));
    }

    @Test
    void badReportsAreRefusedNamingTheFieldAndLeaveNothingBehind() {
        long incidents = IntakeDatabase.count("incident");
        long events = IntakeDatabase.count(IntakeDatabase.FIRST_REPORT_EVENTS);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(),
                Topics.INCIDENT_EVENTS)) {
            refused("{\"type\": \"FIRE\", \"title\": ", "body");
            refused("{\"title\": \"Fire\"}", "type");
            refused(report(ANHAI, 95.2, 0), "location.latitude");
            refused(report("350582999000", 24.7, 0), "areaCode");
            refused(report("3505821", 24.7, 0), "areaCode");
            refused(report(ANHAI, 24.7, 0).replace("BUILDING_COLLAPSE", "ALIENS"), "type");
            refused(report(ANHAI, 24.7, -1), "casualties.deaths");
            // Readable as a request, but its incident.reported would break the event schema: refused, not lost.
            refused(report(ANHAI, 24.7, 0).replaceFirst("\"occurredAt\": \"[^\"]+\"",
                    "\"occurredAt\": \"-0500-01-01T00:00:00Z\""), "occurredAt");

            // Other tests' incidents may go overdue meanwhile; a refused report must not add an incident.reported.
            assertTrue(topic.drain(Duration.ofSeconds(1)).stream().noneMatch(IntakeDatabase::isFirstReport),
                    "nothing may be published");
        }
        assertEquals(incidents, IntakeDatabase.count("incident"));
        assertEquals(events, IntakeDatabase.count(IntakeDatabase.FIRST_REPORT_EVENTS));
    }

    private static void refused(String body, String field) {
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void callersWithoutAValidTokenOrTheRightRoleAreRefused() {
        long incidents = IntakeDatabase.count("incident");
        given().contentType(ContentType.JSON).body(report(ANHAI, 24.7, 0))
                .when().post("/api/incidents")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().header("Authorization", TestTokens.forged("duty-officer"))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7, 0))
                .when().post("/api/incidents")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("warehouse-keeper"))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7, 0))
                .when().post("/api/incidents")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        // A duty officer of Cizao cannot report for Anhai.
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7, 0))
                .when().post("/api/incidents")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(incidents, IntakeDatabase.count("incident"));
    }

    @Test
    void unknownIncidentIs404ProblemJson() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/6a0b2d1e-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void referenceAreasAreServedWithPopulation() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/areas")
                .then().statusCode(200)
                .body("code", hasItems("350582000000", ANHAI, CIZAO, "350502001000"))
                .body("find { it.code == '350582100000' }.name", equalTo("Anhai"))
                .body("find { it.code == '350582100000' }.level", equalTo("TOWNSHIP"))
                .body("find { it.code == '350582100000' }.parentCode", equalTo("350582000000"))
                // Six streets, thirteen towns and the economic development zone; Licheng's eight streets.
                .body("findAll { it.parentCode == '350582000000' }.size()", equalTo(20))
                .body("find { it.code == '350582400000' }.nameZh", equalTo("晋江经济开发区"))
                .body("findAll { it.parentCode == '350502000000' }.size()", equalTo(8));
        // A county's towns and streets add up to the county: coverage figures are shares of these.
        for (String county : List.of("350582000000", "350502000000")) {
            int population = given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/areas").then().extract().path("find { it.code == '" + county + "' }.population");
            List<Integer> towns = given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/areas").then()
                    .extract().path("findAll { it.parentCode == '" + county + "' }.population");
            assertEquals(population, towns.stream().mapToInt(Integer::intValue).sum(), county);
        }
    }
}
