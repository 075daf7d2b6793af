package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Date-times outside years 0001..9999, in a body or a query, are refused naming the field. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class DateYearsTest {

    private static final String YEARS = "must have a year from 0001 to 9999";

    @Test
    void aFirstReportFromBeyondYear9999IsRefusedForItsYear() {
        String body = IncidentResourceTest.report(IncidentResourceTest.ANHAI, 24.7, 0)
                .replaceFirst("\"occurredAt\": \"[^\"]+\"", "\"occurredAt\": \"+10000-01-01T00:00:00Z\"");
        given().header("Authorization", TestTokens.bearer("duty-officer", IncidentResourceTest.ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("occurredAt"))
                .body("errors.find { it.field == 'occurredAt' }.message", equalTo(YEARS));
    }

    @Test
    void queryDateTimesOutsideTheYearsAreRefusedNamingTheParameter() {
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .queryParam("occurredFrom", "+10000-01-01T00:00:00Z")
                .when().get("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("occurredFrom"))
                .body("errors.find { it.field == 'occurredFrom' }.message", equalTo(YEARS));
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .queryParam("from", "0000-06-01T00:00:00Z").queryParam("to", "0000-07-01T00:00:00Z")
                .when().get("/api/statistics/timeliness")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("to"));
    }
}
