package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.jinjiang.emergency.warning.api.IssuedWarnings.coverage;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.issue;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.terminals;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage per bureau over a period: a Licheng warning every terminal of whose street played, and a Jinjiang one only
 * one terminal played, each bureau's line the same as its warning's own coverage, and each caller counting only what
 * is theirs.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class CoverageStatisticsTest {

    private static final String HAIBIN = "350502001000";
    private static final String CIZAO = "350582101000";
    private static final String PLATFORM = TestTokens.bearer("broadcast-system");

    @Test
    void eachBureausCoverageAddsUpItsOwnWarnings() {
        OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        String licheng = issue("RAINSTORM", "YELLOW", HAIBIN);
        String jinjiang = issue("RAINSTORM", "YELLOW", CIZAO);
        // The warnings and the terminals name their bureau.
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings/" + licheng)
                .then().statusCode(200).body("jurisdiction", equalTo("350502"));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings/" + jinjiang)
                .then().statusCode(200).body("jurisdiction", equalTo("350582"));
        given().header("Authorization", PLATFORM).when().get("/api/terminals?area=" + HAIBIN).then().statusCode(200)
                .body("jurisdiction", everyItem(equalTo("350502")));
        given().header("Authorization", PLATFORM).when().get("/api/terminals?area=" + CIZAO).then().statusCode(200)
                .body("jurisdiction", everyItem(equalTo("350582")));
        play(licheng, terminals(HAIBIN));
        play(jinjiang, terminals(CIZAO).subList(0, 1));
        String to = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toString();

        JsonPath lichengOwn = coverage(licheng);
        JsonPath jinjiangOwn = coverage(jinjiang);
        JsonPath all = statistics(TestTokens.bearer("commander"), from.toString(), to).statusCode(200)
                .body("jurisdictions.jurisdiction", contains("350502", "350582"))
                .extract().jsonPath();
        same(lichengOwn, line(all, "350502"));
        same(jinjiangOwn, line(all, "350582"));
        assertEquals(2, all.getInt("total.warnings"));
        assertEquals(lichengOwn.getLong("overall.reached") + jinjiangOwn.getLong("overall.reached"),
                all.getLong("total.reached"));
        assertEquals(lichengOwn.getLong("overall.population") + jinjiangOwn.getLong("overall.population"),
                all.getLong("total.population"));

        // A county's command centre counts its own bureau's; a duty officer the warnings reaching their area.
        statistics(TestTokens.in("350582", "viewer"), from.toString(), to).statusCode(200)
                .body("jurisdictions.jurisdiction", contains("350582")).body("total.warnings", equalTo(1));
        statistics(TestTokens.bearer("duty-officer", HAIBIN), from.toString(), to).statusCode(200)
                .body("jurisdictions.jurisdiction", contains("350502")).body("total.warnings", equalTo(1));
        request(TestTokens.bearer("duty-officer", HAIBIN), from.toString(), to).queryParam("areaCode", CIZAO)
                .when().get("/api/statistics/coverage").then().statusCode(403);
        // Of one hazard: none of these was a typhoon.
        request(TestTokens.bearer("commander"), from.toString(), to).queryParam("hazard", "TYPHOON")
                .when().get("/api/statistics/coverage").then().statusCode(200).body("total.warnings", equalTo(0));
    }

    @Test
    void aPeriodThatCannotBeReadIsRefusedNamingTheField() {
        statistics(TestTokens.bearer("commander"), "last week", null).statusCode(400)
                .body("errors.field", hasItem("from"));
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        statistics(TestTokens.bearer("commander"), now, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString())
                .statusCode(400).body("errors.field", hasItem("from"));
        statistics(TestTokens.bearer("commander"), "2025-01-01T00:00:00Z", "2026-06-01T00:00:00Z").statusCode(400)
                .body("errors.field", hasItem("from"));
        given().header("Authorization", TestTokens.bearer("commander")).queryParam("hazard", "METEOR")
                .when().get("/api/statistics/coverage").then().statusCode(400).body("errors.field", hasItem("hazard"));
        given().header("Authorization", TestTokens.bearer("warehouse-keeper"))
                .when().get("/api/statistics/coverage").then().statusCode(403);
    }

    private static ValidatableResponse statistics(String token, String from, String to) {
        return request(token, from, to).when().get("/api/statistics/coverage").then();
    }

    private static RequestSpecification request(String token, String from, String to) {
        RequestSpecification request = given().header("Authorization", token);
        if (from != null) {
            request = request.queryParam("from", from);
        }
        return to == null ? request : request.queryParam("to", to);
    }

    private static void same(JsonPath warning, Map<String, Object> bureau) {
        assertEquals(1, ((Number) bureau.get("warnings")).intValue());
        double percent = warning.getDouble("overall.coveragePercent");
        double reach = warning.getDouble("overall.publicReachPercent");
        assertEquals(reach >= 92.0 ? 1 : 0, ((Number) bureau.get("atTarget")).intValue());
        assertEquals(warning.getLong("overall.publicReached"), ((Number) bureau.get("publicReached")).longValue());
        assertEquals(warning.getLong("overall.reached"), ((Number) bureau.get("reached")).longValue());
        assertEquals(warning.getLong("overall.population"), ((Number) bureau.get("population")).longValue());
        assertEquals(warning.getInt("overall.played"), ((Number) bureau.get("played")).intValue());
        assertEquals(percent, ((Number) bureau.get("coveragePercent")).doubleValue(), 0.0001);
    }

    private static Map<String, Object> line(JsonPath all, String jurisdiction) {
        return all.getMap("jurisdictions.find { it.jurisdiction == '" + jurisdiction + "' }");
    }

    private static void play(String warning, List<String> terminals) {
        String acks = terminals.stream().map(code -> """
                {"warningId": "%s", "capIdentifier": "%s.1", "terminalCode": "%s", "outcome": "PLAYED",
                 "reportedAt": "%s"}""".formatted(warning, warning, code, OffsetDateTime.now(ZoneOffset.UTC)))
                .collect(Collectors.joining(","));
        given().header("Authorization", PLATFORM).contentType(ContentType.JSON).body("{\"acks\": [" + acks + "]}")
                .when().post("/api/broadcast/acks").then().statusCode(200)
                .body("changed", equalTo(terminals.size()));
    }

}
