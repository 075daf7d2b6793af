package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.security.VerifiedTokens;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.ANHAI;
import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.CIZAO;
import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared access policy as intake applies it: the area rule and the token rules. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class AccessPolicyTest {

    static final String JINJIANG = "350582000000";
    /** A street of Licheng district, the other bureau's jurisdiction. */
    static final String LICHENG_STREET = "350502001000";

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void anOfficerReportsAndReadsForTheirAreaAndEverythingBelowIt() {
        String id = given().header("Authorization", TestTokens.bearer("duty-officer", JINJIANG))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                .when().post("/api/incidents")
                .then().statusCode(201)
                .extract().path("id");

        given().header("Authorization", TestTokens.bearer("duty-officer", JINJIANG))
                .when().get("/api/incidents/" + id)
                .then().statusCode(200).body("areaCode", equalTo(ANHAI));
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .when().get("/api/incidents/" + id)
                .then().statusCode(200);
        // A neighbouring town neither reads it nor learns that it exists.
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .when().get("/api/incidents/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        // Reporting upwards, for the county, is not a town officer's to do.
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(report(JINJIANG, 24.7189, 0))
                .when().post("/api/incidents")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theCommandCentreReadsAndActsWithinItsJurisdictionOnly() {
        String jinjiangDispatcher = TestTokens.in("350582", "dispatcher");
        String lichengDispatcher = TestTokens.in("350502", "dispatcher");
        String licheng = given().header("Authorization", lichengDispatcher)
                .contentType(ContentType.JSON).body(report(LICHENG_STREET, 24.9, 0))
                .when().post("/api/incidents")
                .then().statusCode(201).extract().path("id");
        String jinjiang = given().header("Authorization", jinjiangDispatcher)
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                .when().post("/api/incidents")
                .then().statusCode(201).extract().path("id");

        // Jinjiang's command centre neither reads Licheng's incident nor learns that it exists, nor reports on it.
        given().header("Authorization", jinjiangDispatcher).when().get("/api/incidents/" + licheng)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", jinjiangDispatcher).when().get("/api/incidents/" + licheng + "/reports")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", jinjiangDispatcher).contentType(ContentType.JSON)
                .body("""
                        {"kind": "FOLLOW_UP", "casualties": {"deaths": 0}, "situation": "Not ours to report"}""")
                .when().post("/api/incidents/" + licheng + "/reports")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.in("350582", "commander")).contentType(ContentType.JSON)
                .body("{\"level\": \"III\", \"reason\": \"Not ours to decide\"}")
                .when().put("/api/incidents/" + licheng + "/response-level")
                .then().statusCode(404).contentType("application/problem+json");
        String list = given().header("Authorization", jinjiangDispatcher).queryParam("size", 100)
                .when().get("/api/incidents").then().statusCode(200).extract().asString();
        assertTrue(list.contains(jinjiang) && !list.contains(licheng), list);
        // Nor does it report for the other county's areas.
        given().header("Authorization", jinjiangDispatcher)
                .contentType(ContentType.JSON).body(report(LICHENG_STREET, 24.9, 0))
                .when().post("/api/incidents")
                .then().statusCode(403).contentType("application/problem+json");

        // Licheng's sees its own and not Jinjiang's; the prefecture's staff see both.
        given().header("Authorization", lichengDispatcher).when().get("/api/incidents/" + licheng)
                .then().statusCode(200).body("areaCode", equalTo(LICHENG_STREET))
                .body("jurisdiction", equalTo("350502"));
        given().header("Authorization", lichengDispatcher).when().get("/api/incidents/" + jinjiang)
                .then().statusCode(404);
        for (String incident : new String[] {licheng, jinjiang}) {
            given().header("Authorization", TestTokens.in("350500", "viewer")).when().get("/api/incidents/" + incident)
                    .then().statusCode(200);
        }

        // Timeliness statistics per bureau: each counts its own streets' and towns' reports falling due.
        String from = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        String to = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString();
        List<String> jinjiangAreas = given().header("Authorization", jinjiangDispatcher)
                .queryParam("from", from).queryParam("to", to).when().get("/api/statistics/timeliness")
                .then().statusCode(200).extract().path("areas.areaCode");
        List<String> lichengAreas = given().header("Authorization", lichengDispatcher)
                .queryParam("from", from).queryParam("to", to).when().get("/api/statistics/timeliness")
                .then().statusCode(200).extract().path("areas.areaCode");
        assertTrue(jinjiangAreas.contains(ANHAI) && jinjiangAreas.stream().allMatch(a -> a.startsWith("350582")),
                jinjiangAreas.toString());
        assertTrue(lichengAreas.contains(LICHENG_STREET) && lichengAreas.stream().allMatch(a -> a.startsWith("350502")),
                lichengAreas.toString());
    }

    @Test
    void aCommandCentreTokenWithoutAKnownJurisdictionIs401() {
        long incidents = IntakeDatabase.count("incident");
        // Fail closed: no claim is not "every jurisdiction".
        refused(TestTokens.bearer(TestTokens.claims("dispatcher", null).claim("jurisdiction", "")));
        refused(TestTokens.bearer(TestTokens.claims("dispatcher", null).claim("jurisdiction", "350583")));
        refused(TestTokens.bearer(TestTokens.claims("commander", null).claim("jurisdiction", 350582)));
        refused(TestTokens.bearer(TestTokens.claims("viewer", null).claim("jurisdiction", "350582000000")));
        refused(TestTokens.bearer(TestTokens.claims("warehouse-keeper", null).remove("jurisdiction")));
        refused(TestTokens.bearer(TestTokens.claims("dispatcher", null).remove("jurisdiction")));
        assertEquals(incidents, IntakeDatabase.count("incident"));
    }

    @Test
    void aTokenVerifiedOnceIsAnsweredFromMemoryWithTheSameArea() {
        String id = given().header("Authorization", TestTokens.bearer("dispatcher"))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                .when().post("/api/incidents")
                .then().statusCode(201)
                .extract().path("id");
        String neighbour = TestTokens.token("duty-officer", CIZAO);
        String county = TestTokens.token("duty-officer", JINJIANG);
        assertNull(verifiedTokens.find(neighbour));

        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + neighbour)
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(404);
            assertNotNull(verifiedTokens.find(neighbour), "the accepted token is remembered");
            given().header("Authorization", "Bearer " + county)
                    .when().get("/api/incidents/" + id)
                    .then().statusCode(200).body("areaCode", equalTo(ANHAI));
        }
    }

    @Test
    void tokensThePolicyDoesNotAcceptAre401NeverA500() {
        long incidents = IntakeDatabase.count("incident");
        long now = Instant.now().getEpochSecond();
        refused(TestTokens.bearer(TestTokens.claims("dispatcher", null)
                .issuedAt(now + 3600).expiresAt(now + 7200)));
        refused(TestTokens.bearer(TestTokens.claims("dispatcher", null)
                .issuedAt(now).expiresAt(now + 30 * 24 * 3600)));
        refused(TestTokens.bearer(TestTokens.claims("duty-officer", null).claim("area_code", 350582100000L)));
        refused(TestTokens.bearer(TestTokens.claims("duty-officer", null).claim("area_code", "Anhai")));
        refused(TestTokens.bearer(TestTokens.claims("duty-officer", null)));
        assertEquals(incidents, IntakeDatabase.count("incident"));
    }

    private void refused(String bearer) {
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", bearer)
                    .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                    .when().post("/api/incidents")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        assertNull(verifiedTokens.find(bearer.substring("Bearer ".length())), "a refused token is not remembered");
    }
}
