package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contingency plans as reference data, read over HTTP from the database the CSVs were loaded into: each bureau's
 * own, the tasks of a level, who leads (Quanzhou for I-II), and how far they cover every type at every level.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class ContingencyPlanTest {

    private static final String JINJIANG = TestTokens.in("350582", "commander");
    private static final String LICHENG = TestTokens.in("350502", "commander");

    @Test
    void eachBureauReadsItsOwnPlansWithTheirTasks() {
        JsonPath jinjiang = given().header("Authorization", JINJIANG).when().get("/api/contingency-plans")
                .then().statusCode(200).body("jurisdiction", everyItem(equalTo("350582")))
                .body("illustrative", everyItem(equalTo(true))).extract().jsonPath();
        assertEquals(68, jinjiang.getList("").size(), "17 types at 4 levels");

        // A typhoon at level III: the county leads, sends an on-scene commander, need not tell Quanzhou yet.
        Map<String, Object> third = jinjiang.getMap("find { it.incidentType == 'TYPHOON' && it.level == 'III' }");
        assertEquals("晋江市应急管理局", third.get("leadingBody"));
        List<String> tasks = jinjiang.getList("find { it.incidentType == 'TYPHOON' && it.level == 'III' }.tasks.task");
        assertTrue(tasks.containsAll(List.of("ISSUE_WARNING", "OPEN_SHELTERS", "SEND_COMMANDER")), tasks.toString());
        assertFalse(tasks.contains("NOTIFY_QUANZHOU"));
        // At level II Quanzhou leads, and notifying it is a task within 30 minutes.
        given().header("Authorization", JINJIANG).queryParam("type", "TYPHOON").queryParam("level", "II")
                .when().get("/api/contingency-plans").then().statusCode(200).body("", hasSize(1))
                .body("[0].leadingBody", equalTo("泉州市应急管理局"))
                .body("[0].tasks.find { it.task == 'NOTIFY_QUANZHOU' }.withinMinutes", equalTo(30))
                .body("[0].tasks.find { it.task == 'ISSUE_WARNING' }.fulfilledBy", equalTo("warning.issued"));

        // The prefecture reads both bureaus'; a duty officer their own county's; another bureau's is refused.
        given().header("Authorization", TestTokens.bearer("commander")).queryParam("type", "TYPHOON")
                .queryParam("level", "I").when().get("/api/contingency-plans").then().statusCode(200)
                .body("jurisdiction", equalTo(List.of("350502", "350582")));
        given().header("Authorization", TestTokens.bearer("duty-officer", "350502001000"))
                .when().get("/api/contingency-plans").then().statusCode(200)
                .body("jurisdiction", everyItem(equalTo("350502")));
        given().header("Authorization", LICHENG).queryParam("jurisdiction", "350582")
                .when().get("/api/contingency-plans").then().statusCode(403);
    }

    @Test
    void coverageNamesTheTypesAndLevelsWithoutAPlan() {
        JsonPath coverage = given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/contingency-plans/coverage").then().statusCode(200)
                .body("jurisdiction", equalTo(List.of("350502", "350582"))).extract().jsonPath();
        assertEquals(76, coverage.getInt("find { it.jurisdiction == '350582' }.pairs"), "19 types at 4 levels");
        assertEquals(68, coverage.getInt("find { it.jurisdiction == '350582' }.covered"));
        assertEquals(89.5, coverage.getDouble("find { it.jurisdiction == '350582' }.percent"));
        assertTrue(coverage.<String>getList("find { it.jurisdiction == '350582' }.missing").contains("PUBLIC_HEALTH/I"));
        // Licheng, inland, has no marine plan of its own.
        assertEquals(56, coverage.getInt("find { it.jurisdiction == '350502' }.covered"));
        assertTrue(coverage.<String>getList("find { it.jurisdiction == '350502' }.missing").contains("MARINE/IV"));
        given().header("Authorization", LICHENG).when().get("/api/contingency-plans/coverage").then()
                .statusCode(200).body("jurisdiction", equalTo(List.of("350502")));
    }

    @Test
    void aFilterThatCannotBeReadIsRefusedNamingIt() {
        given().header("Authorization", JINJIANG).queryParam("level", "V").when().get("/api/contingency-plans")
                .then().statusCode(400).body("errors.field", hasItem("level"));
        given().header("Authorization", JINJIANG).queryParam("type", "METEOR").when().get("/api/contingency-plans")
                .then().statusCode(400).body("errors.field", hasItem("type"));
        given().header("Authorization", TestTokens.bearer("commander")).queryParam("jurisdiction", "3505")
                .when().get("/api/contingency-plans").then().statusCode(400)
                .body("errors.field", hasItem("jurisdiction"));
        given().when().get("/api/contingency-plans").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("commander")).queryParam("type", "PUBLIC_HEALTH")
                .when().get("/api/contingency-plans").then().statusCode(200).body("", hasSize(0));
    }
}
