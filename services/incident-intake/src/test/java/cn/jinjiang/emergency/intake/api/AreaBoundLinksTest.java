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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A link to a possible duplicate names another incident: a duty officer is shown it only when they may see that
 * incident, as GET /api/incidents/{id} would. A report's position is checked against its area's (illustrative) circle
 * and flagged, never refused. Confined-space and special-equipment incidents: no other test reports those types.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class AreaBoundLinksTest {

    private static final String CIZAO = "350582101000";
    private static final String DONGSHI = "350582104000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ValidatableResponse report(String bearer, String type, String area, double latitude,
            double longitude) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body("""
                        {"type": "%s", "title": "Worker trapped in a kiln", "location": {"latitude": %s, "longitude": %s},
                         "areaCode": "%s", "occurredAt": "%s"}
                        """.formatted(type, latitude, longitude, area,
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5)))
                .when().post("/api/incidents").then().statusCode(201);
    }

    @Test
    void aCizaoOfficerIsNeverShownADongshiIncidentAsAPossibleDuplicate() throws Exception {
        String cizaoOfficer = TestTokens.bearer("duty-officer", CIZAO);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            // Filed under Dongshi by the command centre, at a kiln in Cizao; then the Cizao officer reports twice.
            String dongshi = report(TestTokens.bearer("dispatcher"), "CONFINED_SPACE", DONGSHI, 24.8301, 118.4951)
                    .extract().path("id");
            String cizaoFirst = report(cizaoOfficer, "CONFINED_SPACE", CIZAO, 24.8303, 118.4953)
                    .body("possibleDuplicates.incidentId", not(hasItem(dongshi)))
                    .body("possibleDuplicates", empty())
                    .extract().path("id");
            String cizaoSecond = report(cizaoOfficer, "CONFINED_SPACE", CIZAO, 24.8302, 118.4952)
                    .body("possibleDuplicates.incidentId", contains(cizaoFirst))
                    .extract().path("id");

            for (String id : new String[] {cizaoFirst, cizaoSecond}) {
                given().header("Authorization", cizaoOfficer).when().get("/api/incidents/" + id)
                        .then().statusCode(200)
                        .body("possibleDuplicates.incidentId", not(hasItem(dongshi)));
            }
            given().header("Authorization", cizaoOfficer).when().get("/api/incidents/" + cizaoSecond)
                    .then().body("possibleDuplicates.incidentId", contains(cizaoFirst));
            String list = given().header("Authorization", cizaoOfficer).queryParam("type", "CONFINED_SPACE")
                    .queryParam("size", 100).when().get("/api/incidents").then().statusCode(200)
                    .body("items.id", hasItems(cizaoFirst, cizaoSecond))
                    .extract().asString();
            assertFalse(list.contains(dongshi), list);

            // The command centre sees every link; so does a county officer above both towns.
            given().header("Authorization", TestTokens.bearer("commander")).when().get("/api/incidents/" + cizaoSecond)
                    .then().statusCode(200).body("possibleDuplicates.incidentId",
                            containsInAnyOrder(cizaoFirst, dongshi));
            given().header("Authorization", TestTokens.bearer("duty-officer", "350582000000"))
                    .when().get("/api/incidents/" + dongshi)
                    .then().statusCode(200).body("possibleDuplicates.incidentId",
                            containsInAnyOrder(cizaoFirst, cizaoSecond));

            // The event goes to everyone: each link carries the linked incident's area, for consumers to filter by.
            JsonNode event = JSON.readTree(topic.await(r -> cizaoSecond.equals(r.key()), Duration.ofSeconds(10))
                    .value()).path("data");
            JsonNode links = event.path("possibleDuplicates");
            assertEquals(2, links.size(), links.toString());
            for (JsonNode link : links) {
                String linked = link.path("incidentId").asText();
                assertEquals(linked.equals(dongshi) ? DONGSHI : CIZAO, link.path("areaCode").asText(),
                        links.toString());
                assertTrue(link.path("distanceMeters").isNumber(), links.toString());
            }
        }
    }

    @Test
    void aReportFarOutsideItsAreaIsAcceptedAndFlagged() throws Exception {
        String cizaoOfficer = TestTokens.bearer("duty-officer", CIZAO);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            // Cizao's centre, then Weitou cape in Jinjing, some 30 km away: both taken, only the latter flagged.
            String inside = report(cizaoOfficer, "SPECIAL_EQUIPMENT", CIZAO, 24.8340, 118.4960)
                    .body("locationOutsideArea", equalTo(false)).extract().path("id");
            String outside = report(cizaoOfficer, "SPECIAL_EQUIPMENT", CIZAO, 24.5200, 118.5800)
                    .body("locationOutsideArea", equalTo(true)).extract().path("id");

            given().header("Authorization", cizaoOfficer).when().get("/api/incidents/" + outside)
                    .then().statusCode(200).body("locationOutsideArea", equalTo(true));
            given().header("Authorization", TestTokens.bearer("commander")).queryParam("type", "SPECIAL_EQUIPMENT")
                    .when().get("/api/incidents").then().statusCode(200)
                    .body("items.find { it.id == '" + outside + "' }.locationOutsideArea", equalTo(true))
                    .body("items.find { it.id == '" + inside + "' }.locationOutsideArea", equalTo(false));
            assertEquals(1, IntakeDatabase.count("incident WHERE id = '" + outside + "' AND location_outside_area"));

            JsonNode flagged = JSON.readTree(topic.await(r -> outside.equals(r.key()), Duration.ofSeconds(10))
                    .value()).path("data");
            assertTrue(flagged.path("locationOutsideArea").asBoolean(), flagged.toString());
            JsonNode plain = JSON.readTree(topic.await(r -> inside.equals(r.key()), Duration.ofSeconds(10))
                    .value()).path("data");
            assertFalse(plain.path("locationOutsideArea").asBoolean(true), plain.toString());
        }
    }
}
