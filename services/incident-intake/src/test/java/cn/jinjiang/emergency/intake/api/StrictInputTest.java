package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.ANHAI;
import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report is read exactly as written or refused with 400 naming the field: nothing Jackson would quietly coerce,
 * truncate or drop reaches an incident, and no refusal names a Java type.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class StrictInputTest {

    private static String valid() {
        return report(ANHAI, 24.7189, 0);
    }

    @Test
    void lenientJsonIsRefusedFieldByField() {
        long incidents = IntakeDatabase.count("incident");
        long events = IntakeDatabase.count(IntakeDatabase.FIRST_REPORT_EVENTS);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(),
                Topics.INCIDENT_EVENTS)) {
            refused(valid().replace("\"BUILDING_COLLAPSE\"", "0"), "type", "must be one of TYPHOON");
            refused(valid().replace("\"deaths\": 0", "\"deaths\": 9.99"), "casualties.deaths", "whole number");
            refused(valid().replace("\"deaths\": 0", "\"deaths\": \"\""), "casualties.deaths", "whole number");
            refused(valid().replace("\"deaths\": 0", "\"deaths\": \"5\""), "casualties.deaths", "whole number");
            refused(valid().replace("\"deaths\": 0", "\"deaths\": 0, \"deaths\": 50"), "casualties.deaths",
                    "only once");
            refused(valid() + " {\"type\": \"FIRE\"}", "body", "nothing after it");
            refused(valid().replace("\"latitude\": 24.7189", "\"latitude\": \"24.7189\""), "location.latitude",
                    "must be a number");
            refused(valid().replace("\"title\": \"Self-built house collapsed on Anping road\"", "\"title\": 5"),
                    "title", "JSON string");
            refused(valid().replaceFirst("\"occurredAt\": \"[^\"]+\"", "\"occurredAt\": 1764000000"),
                    "occurredAt", "date-time");
            refused(valid().replaceFirst("\"occurredAt\": \"[^\"]+\"", "\"occurredAt\": \"1999-12-31T23:00:00Z\""),
                    "occurredAt", "2000-01-01");

            // Other tests' incidents may go overdue meanwhile; a refused report must not add an incident.reported.
            assertTrue(topic.drain(Duration.ofSeconds(1)).stream().noneMatch(IntakeDatabase::isFirstReport),
                    "nothing may be published");
        }
        assertEquals(incidents, IntakeDatabase.count("incident"));
        assertEquals(events, IntakeDatabase.count(IntakeDatabase.FIRST_REPORT_EVENTS));
    }

    @Test
    void textMustBeWhatAPersonCouldType() {
        long incidents = IntakeDatabase.count("incident");
        refused(withTitle("Fire\\u0000 at the pier"), "title", "control characters");
        refused(withTitle("Fire\\u001b[2J at the pier"), "title", "control characters");
        refused(withTitle("Fire \\ud800 at the pier"), "title", "unpaired surrogate");
        refused(withTitle("\\u200b\\u3000\\u00a0\\u2060\\ufeff"), "title", "must not be blank");
        refused(withTitle("\\u3164\\u2800 "), "title", "must not be blank");
        assertEquals(incidents, IntakeDatabase.count("incident"));

        // Line breaks, tabs and any script's visible letters are text, and arrive as written.
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(withTitle("安海镇\\t内涝 😊\\nRoad flooded"))
                .when().post("/api/incidents")
                .then().statusCode(201)
                .body("title", equalTo("安海镇\t内涝 😊\nRoad flooded"));
    }

    @Test
    void textXmlCannotCarryIsRefused() {
        // Incident text travels on into warnings and their signed CAP documents, which are XML 1.0.
        long incidents = IntakeDatabase.count("incident");
        refused(withTitle("Fire \\uFFFF at the pier"), "title", "U+FFFF");
        refused(withTitle("Fire \\uFFFE at the pier"), "title", "U+FFFE");
        assertEquals(incidents, IntakeDatabase.count("incident"));
    }

    @Test
    void aRequestOverTheSizeLimitsIsRefusedAsProblemJson() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/areas?q=" + "a".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json").body("status", equalTo(414));
        given().header("Authorization", TestTokens.bearer("viewer")).header("X-Padding", "a".repeat(25_000))
                .when().get("/api/areas")
                .then().statusCode(431).contentType("application/problem+json").body("status", equalTo(431));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() {
        String huge = withTitle("x".repeat(100 * 1024));
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(huge)
                .when().post("/api/incidents")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    private static String withTitle(String jsonEscapedTitle) {
        return valid().replace("\"title\": \"Self-built house collapsed on Anping road\"",
                "\"title\": \"" + jsonEscapedTitle + "\"");
    }

    private static void refused(String body, String field, String saying) {
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents")
                .then().log().ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(saying))
                .body("errors.message", everyItem(not(matchesPattern("(?s).*(java\\.|cn\\.jinjiang|`).*"))));
    }
}
