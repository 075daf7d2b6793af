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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warning's text ends up in a signed CAP document, so it must be text XML 1.0 can carry: anything else is refused
 * when drafted, naming the field, rather than accepted and failing at approval.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningTextTest {

    private static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final String ANHAI = "350582100000";
    private static final String DISPATCHER = TestTokens.bearer("dispatcher");
    private static final String COMMANDER = TestTokens.bearer("commander");

    /** A blue draft whose text fields are given JSON-escaped, as a client would send them. */
    private static String draftBody(String headline, String description, String instruction) {
        return """
                {"hazard": "TYPHOON", "level": "BLUE", "headline": "%s", "description": "%s",
                 "instruction": "%s", "areaCodes": ["%s"], "expiresAt": "%s"}
                """.formatted(headline, description, instruction, ANHAI,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    private static String withText(String field, String jsonEscaped) {
        return draftBody(field.equals("headline") ? jsonEscaped : "晋江市台风蓝色预警",
                field.equals("description") ? jsonEscaped : "Typhoon expected near Shenhu tonight",
                field.equals("instruction") ? jsonEscaped : "渔船回港避风。");
    }

    @Test
    void textXmlCannotCarryIsRefusedNamingTheFieldAndNothingIsStored() {
        long warnings = PostgresDatabase.countRows("warning_broadcast_test", "warning");
        for (String field : List.of("headline", "description", "instruction")) {
            refused(withText(field, "台风\\uFFFE预警"), field, "U+FFFE");
            refused(withText(field, "台风预警\\uFFFF"), field, "U+FFFF");
            refused(withText(field, "台风 \\uD800 预警"), field, "unpaired surrogate");
            refused(withText(field, "\\uDFFF台风预警"), field, "unpaired surrogate");
        }
        assertEquals(warnings, PostgresDatabase.countRows("warning_broadcast_test", "warning"), "no refused draft may be stored");

        // A draft's replacement is read by the same rule.
        String id = given().header("Authorization", DISPATCHER).contentType(ContentType.JSON)
                .body(withText("headline", "晋江市台风蓝色预警"))
                .when().post("/api/warnings")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", COMMANDER).contentType(ContentType.JSON)
                .body(withText("instruction", "渔船回港\\uFFFF避风"))
                .when().put("/api/warnings/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("instruction"));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings/" + id)
                .then().statusCode(200).body("instruction", equalTo("渔船回港避风。"));
    }

    @Test
    void chineseTextWithEmojiIsIssuedAsAValidSignedCapMessage() throws Exception {
        // U+1F300 arrives as a surrogate pair in the JSON escape and in the Java string; it is one XML character.
        String cyclone = new String(Character.toChars(0x1F300));
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP)) {
            String id = given().header("Authorization", DISPATCHER).contentType(ContentType.JSON)
                    .body(draftBody("晋江市台风蓝色预警 \\uD83C\\uDF00", "台风今晚在深沪附近登陆 " + cyclone,
                            "渔船回港避风 \\ud83c\\udf00"))
                    .when().post("/api/warnings")
                    .then().statusCode(201).body("headline", equalTo("晋江市台风蓝色预警 " + cyclone))
                    .extract().path("id");
            given().header("Authorization", COMMANDER).when().post("/api/warnings/" + id + "/approve")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));

            ConsumerRecord<String, String> message = cap.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            String xml = message.value();
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            assertEquals(List.of(), new CapSchema().problems(bytes), "against the CAP 1.2 XSD");
            assertTrue(new CapVerifier(CapKeys.readPublicKey(Path.of("target/cap/public.pem"))).verify(bytes),
                    "signature");
            // Read as XML: the writer may carry the emoji as a character reference, which is the same text.
            Document alert = parse(bytes);
            assertEquals("晋江市台风蓝色预警 " + cyclone, text(alert, "headline"), xml);
            assertEquals("台风今晚在深沪附近登陆 " + cyclone, text(alert, "description"), xml);
            assertEquals("渔船回港避风 " + cyclone, text(alert, "instruction"), xml);
        }
    }

    private static void refused(String body, String field, String saying) {
        given().header("Authorization", DISPATCHER).contentType(ContentType.JSON).body(body)
                .when().post("/api/warnings")
                .then().log().ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(saying))
                .body("errors.message", everyItem(not(matchesPattern("(?s).*(java\\.|cn\\.jinjiang|`).*"))));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagNameNS(CAP, element).item(0).getTextContent();
    }
}
