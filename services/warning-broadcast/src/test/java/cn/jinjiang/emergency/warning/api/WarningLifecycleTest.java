package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import cn.jinjiang.emergency.warning.domain.cap.CapKeys;
import cn.jinjiang.emergency.warning.domain.cap.CapSchema;
import cn.jinjiang.emergency.warning.domain.cap.CapVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warning's life over HTTP: draft, approval (two people for orange and red), update and cancel, each issuing one
 * signed CAP message read back from broadcast-cap, valid against the official schema and verified with the service's
 * public key; the notices on warning-events; expiry; bad requests.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANHAI = "350582100000";
    private static final String SHENHU = "350582107000";
    private static final String FIRST_COMMANDER = TestTokens.bearer("commander");
    private static final String SECOND_COMMANDER = TestTokens.bearer(TestTokens.claims("commander", null)
            .upn("second-commander"));

    private static String draftBody(String level, String expiresAt) {
        return """
                {"hazard": "TYPHOON", "level": "%s", "headline": "晋江市台风%s预警",
                 "description": "Typhoon Doksuri expected to land near Shenhu tonight",
                 "instruction": "沿海人员立即撤离至避难场所；渔船回港避风。", "areaCodes": ["%s", "%s"],
                 "expiresAt": "%s"}
                """.formatted(level, level, ANHAI, SHENHU, expiresAt);
    }

    private static String inADay() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
    }

    private static String draft(String token, String level, String expiresAt) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(draftBody(level, expiresAt))
                .when().post("/api/warnings")
                .then().statusCode(201).body("status", equalTo("DRAFT")).body("capMessages", hasSize(0))
                .extract().path("id");
    }

    private static ValidatableResponse approve(String token, String id) {
        return given().header("Authorization", token).when().post("/api/warnings/" + id + "/approve").then();
    }

    private static CapVerifier verifier() {
        return new CapVerifier(CapKeys.readPublicKey(Path.of("target/cap/public.pem")));
    }

    @Test
    void issueUpdateAndCancelYieldThreeSignedValidCapMessagesChainedByReferences() throws Exception {
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP);
             TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = draft(TestTokens.bearer("dispatcher"), "ORANGE", inADay());
            approve(SECOND_COMMANDER, id).statusCode(200).body("status", equalTo("ACTIVE"))
                    .body("approvedBy", equalTo("second-commander")).body("capMessages.msgType", equalTo(
                            List.of("ALERT")));
            // Raising an issued orange warning to red is one person's proposal until a second approves it.
            given().header("Authorization", FIRST_COMMANDER).contentType(ContentType.JSON)
                    .body(draftBody("RED", inADay()))
                    .when().put("/api/warnings/" + id)
                    .then().statusCode(202).body("level", equalTo("ORANGE"))
                    .body("capMessages.msgType", equalTo(List.of("ALERT")));
            approve(FIRST_COMMANDER, id + "/change").statusCode(403).contentType("application/problem+json");
            approve(SECOND_COMMANDER, id + "/change").statusCode(200).body("level", equalTo("RED"))
                    .body("capMessages.msgType", equalTo(List.of("ALERT", "UPDATE")));
            // Lifting the red warning, too, is one person's proposal until a second approves it.
            given().header("Authorization", FIRST_COMMANDER).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Typhoon turned north\"}")
                    .when().post("/api/warnings/" + id + "/cancel")
                    .then().statusCode(202).body("status", equalTo("ACTIVE"))
                    .body("pendingChange.kind", equalTo("CANCEL"))
                    .body("capMessages.identifier", equalTo(List.of(id + ".1", id + ".2")));
            approve(SECOND_COMMANDER, id + "/change").statusCode(200).body("status", equalTo("CANCELLED"))
                    .body("capMessages.identifier", equalTo(List.of(id + ".1", id + ".2", id + ".3")));

            List<ConsumerRecord<String, String>> messages = cap.awaitAll(r -> id.equals(r.key()), 3,
                    Duration.ofSeconds(20));
            CapSchema schema = new CapSchema();
            CapVerifier verifier = verifier();
            List<String> types = List.of("Alert", "Update", "Cancel");
            for (int i = 0; i < 3; i++) {
                byte[] xml = messages.get(i).value().getBytes(StandardCharsets.UTF_8);
                assertEquals(List.of(), schema.problems(xml), "message " + (i + 1) + " against the CAP 1.2 XSD");
                assertTrue(verifier.verify(xml), "message " + (i + 1) + " signature");
                String text = messages.get(i).value();
                assertTrue(text.contains("<msgType>" + types.get(i) + "</msgType>"), text);
                assertTrue(text.contains("<identifier>" + id + "." + (i + 1) + "</identifier>"), text);
                for (int earlier = 1; earlier <= i; earlier++) {
                    assertTrue(text.contains("," + id + "." + earlier + ","), "references message " + earlier);
                }
            }
            assertTrue(messages.get(0).value().contains("<status>Actual</status>"));
            assertTrue(messages.get(0).value().contains("<severity>Severe</severity>"), "orange is Severe");
            assertTrue(messages.get(1).value().contains("<severity>Extreme</severity>"), "red is Extreme");
            assertTrue(messages.get(0).value().contains("<value>" + SHENHU + "</value>"));
            String tampered = messages.get(0).value().replace("沿海人员立即撤离", "沿海人员无需撤离");
            assertFalse(verifier.verify(tampered.getBytes(StandardCharsets.UTF_8)), "a tampered copy fails");

            // The same XML is served over HTTP.
            String served = given().header("Authorization", TestTokens.bearer("broadcast-system"))
                    .when().get("/api/warnings/" + id + "/cap?identifier=" + id + ".1")
                    .then().statusCode(200).contentType(startsWith("application/xml")).extract().asString();
            assertEquals(messages.get(0).value(), served);

            // The warning's own changes (a town's acknowledgement falling due may come between them).
            List<ConsumerRecord<String, String>> notices = events.awaitAll(r -> id.equals(r.key())
                    && !read(r).get("type").asText().startsWith("warning.acknowledg"), 3, Duration.ofSeconds(20));
            assertEquals(List.of("warning.issued", "warning.updated", "warning.cancelled"),
                    notices.stream().map(r -> read(r).get("type").asText()).toList());
            JsonNode cancelled = read(notices.get(2)).get("data");
            assertEquals("CANCELLED", cancelled.get("status").asText());
            assertEquals(id + ".3", cancelled.get("capIdentifier").asText());
            assertEquals("Typhoon turned north", cancelled.get("reason").asText());
        }
    }

    @Test
    void orangeAndRedNeedASecondPersonAndApprovalHappensOnce() throws Exception {
        String own = draft(FIRST_COMMANDER, "RED", inADay());
        approve(FIRST_COMMANDER, own).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("second person"));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings/" + own)
                .then().body("status", equalTo("DRAFT")).body("capMessages", hasSize(0));
        approve(TestTokens.bearer("dispatcher"), own).statusCode(403);

        // Blue and yellow: the drafting commander may issue them.
        String blue = draft(FIRST_COMMANDER, "BLUE", inADay());
        approve(FIRST_COMMANDER, blue).statusCode(200).body("status", equalTo("ACTIVE"));
        approve(SECOND_COMMANDER, blue).statusCode(409).contentType("application/problem+json");

        // A retried approval with its Idempotency-Key answers as the first time and issues nothing more.
        String retried = draft(TestTokens.bearer("dispatcher"), "ORANGE", inADay());
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                given().header("Authorization", SECOND_COMMANDER).header("Idempotency-Key", "approve-" + retried)
                        .when().post("/api/warnings/" + retried + "/approve")
                        .then().statusCode(200).body("capMessages", hasSize(1));
            }
            cap.await(r -> retried.equals(r.key()), Duration.ofSeconds(20));
            assertEquals(1, cap.drain(Duration.ofSeconds(2)).stream().filter(r -> retried.equals(r.key())).count(),
                    "one CAP message per identifier");
        }
    }

    @Test
    void anIssuedWarningExpiresByItself() throws Exception {
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = draft(TestTokens.bearer("dispatcher"), "YELLOW",
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).toString());
            approve(FIRST_COMMANDER, id).statusCode(200);
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings")
                    .then().body("warnings.id", org.hamcrest.Matchers.hasItem(id));
            Eventually.until(() -> "EXPIRED".equals(given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/warnings/" + id).then().extract().path("status")), Duration.ofSeconds(20),
                    "the warning expired");
            ConsumerRecord<String, String> expired = events.await(r -> id.equals(r.key())
                    && "warning.expired".equals(read(r).get("type").asText()), Duration.ofSeconds(20));
            assertEquals("EXPIRED", read(expired).at("/data/status").asText());
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings")
                    .then().body("warnings.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        }
    }

    @Test
    void badWarningsAreRefusedNamingTheField() {
        String token = TestTokens.bearer("dispatcher");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(draftBody("ORANGE", inADay()).replace("\"expiresAt\"",
                        "\"effectiveAt\": \"" + OffsetDateTime.now(ZoneOffset.UTC).plusDays(2) + "\", \"expiresAt\""))
                .when().post("/api/warnings")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("expiresAt"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(draftBody("ORANGE", inADay()).replace(SHENHU, "350582999000"))
                .when().post("/api/warnings")
                .then().statusCode(400).body(containsString("areaCodes")).body(containsString("350582999000"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(draftBody("PURPLE", inADay()))
                .when().post("/api/warnings")
                .then().statusCode(400).body(containsString("level"));

        String id = draft(token, "BLUE", inADay());
        given().header("Authorization", token).contentType(ContentType.JSON).body("{\"reason\": \"Drafted twice\"}")
                .when().post("/api/warnings/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("capMessages", hasSize(0));
        given().header("Authorization", FIRST_COMMANDER).contentType(ContentType.JSON)
                .body(draftBody("BLUE", inADay()))
                .when().put("/api/warnings/" + id)
                .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/warnings/" + id + "/cap").then().statusCode(404);
    }

    @Test
    void aWarningIsDraftedFromAnIncidentAndTerminalsAreListedByArea() {
        UUID incident = UUID.randomUUID();
        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                SampleEvents.incidentReported(UUID.randomUUID(), incident, "Underpass flooded"));
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                        .when().get("/api/incidents/" + incident + "/warnings").statusCode() == 200,
                Duration.ofSeconds(20), "incident known");
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"instruction\": \"避开安海车站地下通道\"}")
                .when().post("/api/incidents/" + incident + "/warnings")
                .then().statusCode(201)
                .body("hazard", equalTo("RAINSTORM")).body("level", equalTo("BLUE"))
                .body("areaCodes", equalTo(List.of(ANHAI))).body("incidentId", equalTo(incident.toString()))
                .body("headline", equalTo("Underpass flooded"));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident + "/warnings")
                .then().statusCode(200).body("status", equalTo(List.of("DRAFT")));

        given().header("Authorization", TestTokens.bearer("broadcast-system"))
                .when().get("/api/terminals?area=" + ANHAI)
                .then().statusCode(200).body("areaCode", everyItem(startsWith("350582100")))
                .body("size()", org.hamcrest.Matchers.greaterThan(5));
    }

    private static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
