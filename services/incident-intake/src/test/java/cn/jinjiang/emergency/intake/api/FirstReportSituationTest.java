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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A first report says what is happening and what has been done, with a number to call the reporter back on. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class FirstReportSituationTest {

    private static final String ANHAI = IncidentResourceTest.ANHAI;
    private static final String CIZAO = IncidentResourceTest.CIZAO;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITUATION = "Underpass flooded to 1.2 m; two cars stranded, four people on the roofs.";
    private static final String ACTIONS = "Underpass closed at both ends; Anhai fire team on its way with a pump.";

    static String report(String situation, String actionsTaken, String contactPhone) {
        return """
                {"type": "WATERLOGGING", "title": "Underpass flooded at Anhai bus station",
                 "location": {"latitude": 24.7189, "longitude": 118.4601}, "areaCode": "%s",
                 "occurredAt": "%s", "situation": %s, "actionsTaken": %s, "contactPhone": %s}
                """.formatted(ANHAI, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10), quoted(situation),
                quoted(actionsTaken), quoted(contactPhone));
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    @Test
    void situationMeasuresAndContactAreStoredPublishedAndShown() throws Exception {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                    .contentType(ContentType.JSON).body(report(SITUATION, ACTIONS, "0595-85681234"))
                    .when().post("/api/incidents")
                    .then().statusCode(201)
                    .body("situation", equalTo(SITUATION))
                    .body("actionsTaken", equalTo(ACTIONS))
                    .body("reports[0].situation", equalTo(SITUATION))
                    .body("reports[0].contactPhone", equalTo("0595-85681234"))
                    .extract().path("id");

            JsonNode event = JSON.readTree(topic.await(r -> id.equals(r.key())
                    && r.value().contains("\"incident.reported\""), Duration.ofSeconds(10)).value());
            assertEquals(SITUATION, event.at("/data/situation").asText());
            assertEquals(ACTIONS, event.at("/data/actionsTaken").asText());
            assertEquals("0595-85681234", event.at("/data/contactPhone").asText());

            // Read back from the database by another caller who may see the incident.
            given().header("Authorization", TestTokens.bearer("commander"))
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(200)
                    .body("situation", equalTo(SITUATION))
                    .body("actionsTaken", equalTo(ACTIONS))
                    .body("reports[0].actionsTaken", equalTo(ACTIONS))
                    .body("reports[0].contactPhone", equalTo("0595-85681234"));
            // Outside the reporter's area the incident, and so the number, is unknown.
            given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(404);
        }
    }

    @Test
    void aMobileNumberWithTheCountryCodeIsTakenAndAllThreeMayBeLeftOut() {
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(report(SITUATION, null, "+86 13905951234"))
                .when().post("/api/incidents")
                .then().statusCode(201).body("reports[0].contactPhone", equalTo("+86 13905951234"))
                .body("actionsTaken", nullValue());
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(report(null, null, null))
                .when().post("/api/incidents")
                .then().statusCode(201).body("situation", nullValue()).body("reports[0].contactPhone", nullValue());
    }

    @Test
    void anUnusablePhoneOrTextIsRefusedNamingTheField() {
        long incidents = IntakeDatabase.count("incident");
        refused(report(SITUATION, ACTIONS, "call the town office"), "contactPhone");
        refused(report(SITUATION, ACTIONS, "12345"), "contactPhone");
        refused(report(SITUATION, ACTIONS, "23905951234"), "contactPhone");
        refused(report(SITUATION, ACTIONS, "0595-85681234-1234567"), "contactPhone");
        refused(report("x".repeat(4001), ACTIONS, null), "situation");
        refused(report(SITUATION, "y".repeat(4001), null), "actionsTaken");
        refused(report("   ", ACTIONS, null), "situation");
        assertEquals(incidents, IntakeDatabase.count("incident"));
    }

    private static void refused(String body, String field) {
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
