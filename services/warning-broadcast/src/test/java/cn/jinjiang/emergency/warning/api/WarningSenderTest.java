package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import cn.jinjiang.emergency.warning.domain.cap.CapKeys;
import cn.jinjiang.emergency.warning.domain.cap.CapSchema;
import cn.jinjiang.emergency.warning.domain.cap.CapVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two bureaus, each with its own name on its warnings: a warning's CAP message goes out as the bureau whose areas it
 * targets (Licheng's as 鲤城区应急管理局), and a warning targets the areas of one bureau only.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningSenderTest {

    private static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final String ANHAI = "350582100000";
    private static final String HAIBIN = "350502001000";
    private static final String QUANZHOU = "350500000000";
    private static final String DISPATCHER = TestTokens.bearer("dispatcher");
    private static final String COMMANDER = TestTokens.bearer("commander");

    private static String draft(String... areas) {
        return """
                {"hazard": "TYPHOON", "level": "BLUE", "headline": "台风蓝色预警", "instruction": "渔船回港避风。",
                 "areaCodes": [%s], "expiresAt": "%s"}
                """.formatted(String.join(", ", List.of(areas).stream().map(a -> '"' + a + '"').toList()),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    @Test
    void eachBureausWarningGoesOutInItsOwnName() throws Exception {
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP)) {
            Document licheng = issued(cap, draft(HAIBIN));
            assertEquals("emergency@licheng.gov.cn", text(licheng, "sender"));
            assertEquals("鲤城区应急管理局", text(licheng, "senderName"));

            Document jinjiang = issued(cap, draft(ANHAI));
            assertEquals("emergency@jinjiang.gov.cn", text(jinjiang, "sender"));
            assertEquals("晋江市应急管理局", text(jinjiang, "senderName"));
        }
    }

    @Test
    void aWarningTargetsTheAreasOfOneBureauOnly() {
        long warnings = PostgresDatabase.countRows("warning_broadcast_test", "warning");
        refused(draft(ANHAI, HAIBIN), "more than one jurisdiction [350502, 350582]");
        // The prefecture's own code: Quanzhou's bureau warns for it, not these.
        refused(draft(QUANZHOU), "no bureau here warns for jurisdiction 350500");
        assertEquals(warnings, PostgresDatabase.countRows("warning_broadcast_test", "warning"), "no refused draft may be stored");
    }

    @Test
    void eachBureausStaffDecideOnItsOwnWarningsOnly() {
        String lichengDispatcher = TestTokens.in("350502", "dispatcher");
        String jinjiangDispatcher = TestTokens.in("350582", "dispatcher");
        String jinjiangCommander = TestTokens.in("350582", "commander");
        String id = given().header("Authorization", lichengDispatcher).contentType(ContentType.JSON)
                .body(draft(HAIBIN)).when().post("/api/warnings")
                .then().statusCode(201).extract().path("id");

        // Another bureau's commander may not issue it in Licheng's name, nor even see it.
        given().header("Authorization", jinjiangCommander).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", jinjiangCommander).contentType(ContentType.JSON)
                .body("{\"reason\": \"Not ours\"}").when().post("/api/warnings/" + id + "/cancel")
                .then().statusCode(403);
        for (String path : List.of("", "/cap", "/coverage")) {
            given().header("Authorization", jinjiangDispatcher).when().get("/api/warnings/" + id + path)
                    .then().statusCode(404);
        }
        given().header("Authorization", jinjiangDispatcher).queryParam("status", "DRAFT")
                .when().get("/api/warnings").then().statusCode(200).body("warnings.id", not(hasItem(id)));
        given().header("Authorization", lichengDispatcher).queryParam("status", "DRAFT")
                .when().get("/api/warnings").then().statusCode(200).body("warnings.id", hasItem(id));
        // Nor draft one for Licheng's areas.
        long warnings = PostgresDatabase.countRows("warning_broadcast_test", "warning");
        given().header("Authorization", jinjiangDispatcher).contentType(ContentType.JSON).body(draft(HAIBIN))
                .when().post("/api/warnings")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("350502001000"));
        assertEquals(warnings, PostgresDatabase.countRows("warning_broadcast_test", "warning"));

        // Licheng's own commander issues it; the prefecture's staff read it.
        given().header("Authorization", TestTokens.in("350502", "commander"))
                .when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().header("Authorization", TestTokens.in("350500", "viewer")).when().get("/api/warnings/" + id)
                .then().statusCode(200);
    }

    /** Drafted, approved, and its CAP message read back from the topic: schema-valid and signed. */
    private static Document issued(TopicReader cap, String body) throws Exception {
        String id = given().header("Authorization", DISPATCHER).contentType(ContentType.JSON).body(body)
                .when().post("/api/warnings")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", COMMANDER).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200);
        byte[] xml = cap.await(r -> id.equals(r.key()), Duration.ofSeconds(20)).value()
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), new CapSchema().problems(xml), "against the CAP 1.2 XSD");
        assertTrue(new CapVerifier(CapKeys.readPublicKey(Path.of("target/cap/public.pem"))).verify(xml), "signature");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static void refused(String body, String saying) {
        given().header("Authorization", DISPATCHER).contentType(ContentType.JSON).body(body)
                .when().post("/api/warnings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("areaCodes"))
                .body("errors.find { it.field == 'areaCodes' }.message", containsString(saying));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagNameNS(CAP, element).item(0).getTextContent();
    }
}
