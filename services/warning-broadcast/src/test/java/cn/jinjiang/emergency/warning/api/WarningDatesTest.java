package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A date-time a CAP message cannot carry (a year past 9999, or before 0001) is refused when drafted, naming the field,
 * rather than taken and failing with a 500 at approval.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningDatesTest {

    private static String draft(String effectiveAt, String expiresAt) {
        return """
                {"hazard": "TYPHOON", "level": "BLUE", "headline": "晋江市台风蓝色预警",
                 "description": "Typhoon expected near Shenhu", "instruction": "渔船回港避风。",
                 "areaCodes": ["350582100000"]%s, "expiresAt": "%s"}
                """.formatted(effectiveAt == null ? "" : ", \"effectiveAt\": \"" + effectiveAt + "\"", expiresAt);
    }

    @Test
    void yearsOutsideOneToNineThousandNineHundredNinetyNineAreRefusedAtTheDraft() {
        long warnings = PostgresDatabase.countRows("warning_broadcast_test", "warning");
        refused(draft(null, "+10000-01-01T00:00:00Z"), "expiresAt");
        refused(draft(null, "+275760-09-13T00:00:00Z"), "expiresAt");
        refused(draft("0000-12-31T00:00:00Z", "2099-01-01T00:00:00Z"), "effectiveAt");
        refused(draft("-0001-01-01T00:00:00+08:00", "2099-01-01T00:00:00Z"), "effectiveAt");
        assertEquals(warnings, PostgresDatabase.countRows("warning_broadcast_test", "warning"), "no refused draft may be stored");

        // The last year that can be written is still taken, and approved.
        String id = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(draft(null, "9999-12-31T00:00:00+08:00"))
                .when().post("/api/warnings")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("commander")).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    private static void refused(String body, String field) {
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON).body(body)
                .when().post("/api/warnings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", equalTo("must have a year from 0001 to 9999"));
    }
}
