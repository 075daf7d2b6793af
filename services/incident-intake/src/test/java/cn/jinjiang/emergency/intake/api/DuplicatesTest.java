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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Possible duplicates are linked when a first report comes in, never dropped; a commander merges one incident into
 * another, its reports move over and incident.merged is published. Forest fires in Xibin: no other test reports that
 * type or place.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class DuplicatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String report(String type, double latitude, double longitude, int minutesAgo) {
        return reportAnswer(type, latitude, longitude, minutesAgo).extract().path("id");
    }

    private static ValidatableResponse reportAnswer(String type, double latitude, double longitude, int minutesAgo) {
        return given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("""
                        {"type": "%s", "title": "Smoke on the hill", "location": {"latitude": %s, "longitude": %s},
                         "areaCode": "350582109000", "occurredAt": "%s"}
                        """.formatted(type, latitude, longitude,
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo)))
                .when().post("/api/incidents").then().statusCode(201);
    }

    private static ValidatableResponse merge(String role, String id, String into, String reason) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                .body("{\"into\": \"" + into + "\", \"reason\": \"" + reason + "\"}")
                .when().post("/api/incidents/" + id + "/merge").then();
    }

    @Test
    void aNearbyFirstReportIsLinkedAndACommanderMergesIt() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String first = report("FOREST_FIRE", 25.0500, 118.2500, 20);
            // About 190 m away, ten minutes later: linked to the first, both ways.
            var answer = reportAnswer("FOREST_FIRE", 25.0515, 118.2510, 10)
                    .body("possibleDuplicates.incidentId", contains(first)).extract();
            String second = answer.path("id");
            assertEquals(195, answer.<Float>path("possibleDuplicates[0].distanceMeters"), 2);
            JsonNode reported = JSON.readTree(topic.await(r -> second.equals(r.key()), Duration.ofSeconds(10))
                    .value());
            assertEquals(first, reported.at("/data/possibleDuplicates/0/incidentId").asText());
            assertEquals("350582109000", reported.at("/data/possibleDuplicates/0/areaCode").asText());
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + first)
                    .then().statusCode(200).body("possibleDuplicates.incidentId", contains(second));
            // Another type at the same place, or the same type 5 km away, is not a duplicate.
            reportAnswer("GAS_LEAK", 25.0515, 118.2510, 10).body("possibleDuplicates", empty());
            reportAnswer("FOREST_FIRE", 25.0950, 118.2500, 10).body("possibleDuplicates", empty());

            merge("dispatcher", second, first, "same fire").statusCode(403);
            merge("commander", second, second, "same fire").statusCode(400).body("errors.field", hasItem("into"));
            merge("commander", second, UUID.randomUUID().toString(), "same fire")
                    .statusCode(400).body("errors.field", hasItem("into"));
            merge("commander", second, first, " ").statusCode(400).body("errors.field", hasItem("reason"));
            merge("commander", second, first, "Same fire on the Xibin hills, seen from two villages")
                    .statusCode(200)
                    .body("id", equalTo(first)).body("reportCount", equalTo(2))
                    .body("reports.kind", contains("FIRST", "FIRST"))
                    .body("reports[1].mergedFrom", equalTo(second)).body("reports[1].sequence", equalTo(2));

            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/incidents/" + second)
                    .then().statusCode(200).body("status", equalTo("MERGED")).body("mergedInto", equalTo(first))
                    .body("reports", empty()).body("deadlines", empty())
                    .body("decisions[0].kind", equalTo("MERGED"));
            JsonNode merged = JSON.readTree(topic.await(r -> second.equals(r.key())
                    && r.value().contains("\"incident.merged\""), Duration.ofSeconds(10)).value()).get("data");
            assertEquals(first, merged.get("mergedInto").asText());
            assertEquals(1, merged.get("movedReports").asInt());
            assertEquals("test-commander", merged.get("mergedBy").asText());

            // The merged incident takes no more reports and cannot be merged again or into.
            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"kind\": \"FOLLOW_UP\", \"situation\": \"Spreading\"}")
                    .when().post("/api/incidents/" + second + "/reports")
                    .then().statusCode(409).contentType("application/problem+json");
            merge("commander", second, first, "again").statusCode(409);
            merge("commander", first, second, "backwards").statusCode(400).body("errors.field", hasItem("into"));

            // Closed and merged incidents are no longer candidates.
            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"kind\": \"FINAL\", \"situation\": \"Fire out\"}")
                    .when().post("/api/incidents/" + first + "/reports").then().statusCode(201);
            reportAnswer("FOREST_FIRE", 25.0505, 118.2505, 5).body("possibleDuplicates", empty());
        }
    }

    @Test
    void possibleDuplicatesAreStoredNotDropped() {
        long incidents = IntakeDatabase.count("incident");
        String a = report("FOREST_FIRE", 25.2000, 118.3000, 30);
        String b = report("FOREST_FIRE", 25.2001, 118.3001, 29);
        assertEquals(incidents + 2, IntakeDatabase.count("incident"));
        assertEquals(1, IntakeDatabase.count("possible_duplicate WHERE incident_id = '" + b + "' AND candidate_id = '"
                + a + "'"));
        given().header("Authorization", TestTokens.bearer("viewer")).queryParam("type", "FOREST_FIRE")
                .queryParam("size", 100).when().get("/api/incidents")
                .then().statusCode(200).body("items.id", hasItem(b)).body("items.id", hasItem(a));
    }
}
