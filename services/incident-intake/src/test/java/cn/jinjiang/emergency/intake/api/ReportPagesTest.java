package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The whole report chain is read from intake a page at a time: the gateway's picture keeps only an incident's newest
 * reports, so a busy incident's thousands of follow-ups are never carried whole in one answer or one item.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class ReportPagesTest {

    private static final String ANHAI = "350582100000";
    private static final String CIZAO = "350582101000";

    private static String incident() {
        String first = """
                {"type": "WATERLOGGING", "title": "Report pages test", "location": {"latitude": 24.72,
                 "longitude": 118.46}, "areaCode": "%s", "occurredAt": "%s"}
                """.formatted(ANHAI, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
        String id = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(first).when().post("/api/incidents").then().statusCode(201).extract().path("id");
        for (int i = 2; i <= 13; i++) {
            given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("{\"kind\": \"FOLLOW_UP\", \"situation\": \"Follow-up " + i + "\"}")
                    .when().post("/api/incidents/" + id + "/reports").then().statusCode(201);
        }
        return id;
    }

    @Test
    void theChainIsReadInPagesBySequence() {
        String id = incident();
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + id + "/reports?page=0&size=5")
                .then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(5)).body("total", equalTo(13))
                .body("items.sequence", contains(1, 2, 3, 4, 5))
                .body("items[0].kind", equalTo("FIRST"));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + id + "/reports?page=2&size=5")
                .then().statusCode(200)
                .body("items.sequence", contains(11, 12, 13))
                .body("items[2].situation", equalTo("Follow-up 13"));
        // Defaults: the first page of 20.
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + id + "/reports")
                .then().statusCode(200).body("size", equalTo(20)).body("items.size()", equalTo(13));
    }

    @Test
    void anOfficerReadsTheChainOnlyInTheirArea() {
        String id = incident();
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .when().get("/api/incidents/" + id + "/reports?size=1")
                .then().statusCode(200).body("items.sequence", contains(1));
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .when().get("/api/incidents/" + id + "/reports")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + UUID.randomUUID() + "/reports")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badPagingIsRefusedNamingTheField() {
        String id = incident();
        for (String[] bad : new String[][] {{"page=-1", "page"}, {"page=x", "page"}, {"page=1.5", "page"},
                {"size=0", "size"}, {"size=101", "size"}, {"size=", "size"}, {"size=ten", "size"}}) {
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/incidents/" + id + "/reports?" + bad[0])
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[1]));
        }
    }
}
