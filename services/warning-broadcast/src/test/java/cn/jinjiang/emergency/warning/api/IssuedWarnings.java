package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Warnings as the tests need them, through the API: drafted by a dispatcher and approved by a commander (two people,
 * so orange and red pass the four eyes), with what the broadcast platform and the screens read of them.
 */
final class IssuedWarnings {

    private IssuedWarnings() {
    }

    /** A draft's body, expiring in a day. */
    static String draft(String hazard, String level, String... areas) {
        return """
                {"hazard": "%s", "level": "%s", "headline": "%s预警", "instruction": "按预警行动",
                 "areaCodes": [%s], "expiresAt": "%s"}
                """.formatted(hazard, level, hazard, List.of(areas).stream().map(a -> '"' + a + '"')
                .collect(Collectors.joining(", ")), OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    /** Drafted and approved: ACTIVE, its CAP message issued. */
    static String issue(String hazard, String level, String... areas) {
        String id = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(draft(hazard, level, areas)).when().post("/api/warnings").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", TestTokens.bearer("commander")).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        return id;
    }

    /** The codes of the terminals in an area and below, as the platform lists them. */
    static List<String> terminals(String area) {
        return given().header("Authorization", TestTokens.bearer("broadcast-system"))
                .when().get("/api/terminals?area=" + area).then().statusCode(200).extract().jsonPath().getList("code");
    }

    /** The warning's coverage as a viewer reads it. */
    static JsonPath coverage(String warning) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/warnings/" + warning + "/coverage").then().statusCode(200).extract().jsonPath();
    }
}
