package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four eyes cannot be walked around: a change that makes an issued warning orange or red, or changes an orange or red
 * one, and lifting an orange or red one, wait for a second commander while the issued version stays in force; nobody
 * who drafted or changed a draft approves it; and the warning's history says who did what, when. Each over HTTP,
 * with the CAP messages and notices read back from the broker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningFourEyesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANHAI = "350582100000";
    private static final String DISPATCHER = TestTokens.bearerFor("dispatcher", "dispatcher-lin");
    private static final String COMMANDER_WANG = TestTokens.bearerFor("commander", "commander-wang");
    private static final String COMMANDER_CHEN = TestTokens.bearerFor("commander", "commander-chen");
    private static final String COMMANDER_HUANG = TestTokens.bearerFor("commander", "commander-huang");

    private static String body(String level, String headline) {
        return """
                {"hazard": "RAINSTORM", "level": "%s", "headline": "%s",
                 "instruction": "远离河道，低洼地区人员转移。", "areaCodes": ["%s"], "expiresAt": "%s"}
                """.formatted(level, headline, ANHAI, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    private static String draft(String token, String level) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body(level, "安海镇暴雨预警"))
                .when().post("/api/warnings").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse put(String token, String id, String level, String headline) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body(level, headline))
                .when().put("/api/warnings/" + id).then();
    }

    private static ValidatableResponse post(String token, String path) {
        return given().header("Authorization", token).when().post(path).then();
    }

    private static ValidatableResponse get(String id) {
        return given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/warnings/" + id)
                .then().statusCode(200);
    }

    private static ValidatableResponse cancel(String token, String id, String reason) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"reason\": \"" + reason + "\"}").when().post("/api/warnings/" + id + "/cancel").then();
    }

    private static String issued(String level) {
        String id = draft(DISPATCHER, level);
        post(COMMANDER_CHEN, "/api/warnings/" + id + "/approve").statusCode(200);
        return id;
    }

    @Test
    void raisingAnIssuedWarningToRedWaitsForASecondCommanderWhileTheIssuedVersionStays() throws Exception {
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP);
             TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = issued("YELLOW");
            put(COMMANDER_WANG, id, "RED", "安海镇暴雨红色预警").statusCode(202)
                    .body("level", equalTo("YELLOW")).body("capMessages.msgType", equalTo(List.of("ALERT")))
                    .body("pendingChange.level", equalTo("RED"))
                    .body("pendingChange.proposedBy", equalTo(List.of("commander-wang")));
            get(id).body("level", equalTo("YELLOW")).body("headline", equalTo("安海镇暴雨预警"))
                    .body("capMessages", hasSize(1)).body("pendingChange.headline", equalTo("安海镇暴雨红色预警"));

            post(COMMANDER_WANG, "/api/warnings/" + id + "/change/approve").statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("second person"));
            get(id).body("level", equalTo("YELLOW")).body("capMessages", hasSize(1));

            post(COMMANDER_CHEN, "/api/warnings/" + id + "/change/approve").statusCode(200)
                    .body("level", equalTo("RED")).body("headline", equalTo("安海镇暴雨红色预警"))
                    .body("pendingChange", nullValue())
                    .body("capMessages.msgType", equalTo(List.of("ALERT", "UPDATE")));
            post(COMMANDER_HUANG, "/api/warnings/" + id + "/change/approve").statusCode(409)
                    .contentType("application/problem+json");

            List<ConsumerRecord<String, String>> messages = cap.awaitAll(r -> id.equals(r.key()), 2,
                    Duration.ofSeconds(20));
            assertTrue(messages.get(0).value().contains("<msgType>Alert</msgType>"));
            assertTrue(messages.get(1).value().contains("<msgType>Update</msgType>"));
            assertTrue(messages.get(1).value().contains("<severity>Extreme</severity>"), "red is Extreme");
            ConsumerRecord<String, String> updated = events.await(r -> id.equals(r.key())
                    && r.value().contains("warning.updated"), Duration.ofSeconds(20));
            assertEquals("commander-chen", JSON.readTree(updated.value()).at("/data/changedBy").asText(),
                    "the Update is issued on the second commander's word");
            assertEquals(2, cap.drain(Duration.ofSeconds(2)).stream().filter(r -> id.equals(r.key())).count(),
                    "one Alert and one Update, nothing more");
        }
    }

    @Test
    void anyChangeToAnIssuedOrangeOrRedWarningWaitsAndCanBeRejected() {
        String id = issued("ORANGE");
        // Even lowering it: an orange or red warning changes only on two people's word.
        put(COMMANDER_WANG, id, "YELLOW", "安海镇暴雨黄色预警").statusCode(202).body("level", equalTo("ORANGE"));
        // A second change joins the waiting one; its authors are all kept, and none of them approves it.
        put(COMMANDER_HUANG, id, "BLUE", "安海镇暴雨蓝色预警").statusCode(202)
                .body("pendingChange.level", equalTo("BLUE"))
                .body("pendingChange.proposedBy", equalTo(List.of("commander-wang", "commander-huang")));
        post(COMMANDER_WANG, "/api/warnings/" + id + "/change/approve").statusCode(403);
        post(COMMANDER_HUANG, "/api/warnings/" + id + "/change/approve").statusCode(403);

        given().header("Authorization", COMMANDER_CHEN).contentType(ContentType.JSON)
                .body("{\"reason\": \"Forecast unchanged\"}")
                .when().post("/api/warnings/" + id + "/change/reject")
                .then().statusCode(200).body("level", equalTo("ORANGE")).body("pendingChange", nullValue())
                .body("capMessages", hasSize(1));
        post(COMMANDER_CHEN, "/api/warnings/" + id + "/change/approve").statusCode(409);
        given().header("Authorization", DISPATCHER).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/api/warnings/" + id + "/change/reject").then().statusCode(403);

        // Blue and yellow stay one person's business: the change is issued at once.
        String blue = issued("BLUE");
        put(COMMANDER_WANG, blue, "YELLOW", "安海镇暴雨黄色预警").statusCode(200).body("level", equalTo("YELLOW"))
                .body("capMessages.msgType", equalTo(List.of("ALERT", "UPDATE")));
    }

    @Test
    void nobodyWhoDraftedOrChangedADraftApprovesIt() {
        String id = draft(DISPATCHER, "BLUE");
        put(COMMANDER_WANG, id, "RED", "安海镇暴雨红色预警").statusCode(200).body("status", equalTo("DRAFT"))
                .body("level", equalTo("RED"));
        post(COMMANDER_WANG, "/api/warnings/" + id + "/approve").statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("commander-wang"));
        get(id).body("status", equalTo("DRAFT")).body("capMessages", hasSize(0));
        post(COMMANDER_CHEN, "/api/warnings/" + id + "/approve").statusCode(200).body("status", equalTo("ACTIVE"))
                .body("approvedBy", equalTo("commander-chen"));
    }

    @Test
    void theHistoryShowsEveryVersionAndWhoDraftedChangedAndApprovedItWhen() {
        String id = draft(DISPATCHER, "BLUE");
        put(DISPATCHER, id, "YELLOW", "安海镇暴雨黄色预警").statusCode(200);
        post(COMMANDER_CHEN, "/api/warnings/" + id + "/approve").statusCode(200);
        put(COMMANDER_WANG, id, "ORANGE", "安海镇暴雨橙色预警").statusCode(202);
        post(COMMANDER_HUANG, "/api/warnings/" + id + "/change/approve").statusCode(200);

        JsonPath view = get(id).extract().jsonPath();
        assertEquals(List.of("DRAFTED", "CHANGED", "APPROVED", "CHANGE_PROPOSED", "CHANGE_APPROVED"),
                view.getList("history.action"));
        assertEquals(List.of(1, 2, 3, 4, 5), view.getList("history.version"));
        assertEquals(List.of("dispatcher-lin", "dispatcher-lin", "commander-chen", "commander-wang",
                "commander-huang"), view.getList("history.by"));
        assertEquals(List.of("BLUE", "YELLOW", "YELLOW", "ORANGE", "ORANGE"), view.getList("history.level"));
        assertEquals("安海镇暴雨橙色预警", view.getString("history[4].headline"));
        assertEquals(id + ".1", view.getString("history[2].capIdentifier"));
        assertEquals(id + ".2", view.getString("history[4].capIdentifier"));
        List<String> times = view.getList("history.at");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!OffsetDateTime.parse(times.get(i)).isBefore(OffsetDateTime.parse(times.get(i - 1))),
                    "in order: " + times);
        }
        // Lifting it (orange) is one commander's proposal and another's approval; the history keeps both.
        cancel(COMMANDER_CHEN, id, "Rain eased").statusCode(202);
        post(COMMANDER_WANG, "/api/warnings/" + id + "/change/approve").statusCode(200);
        get(id).body("history.action[5]", equalTo("CANCEL_PROPOSED")).body("history.by[5]", equalTo("commander-chen"))
                .body("history.note[5]", equalTo("Rain eased"))
                .body("history.action[6]", equalTo("CANCEL_APPROVED")).body("history.by[6]", equalTo("commander-wang"))
                .body("history.capIdentifier[6]", equalTo(id + ".3"));
    }

    @Test
    void liftingAnIssuedRedWarningWaitsForASecondCommanderAndThenIssuesOneCancel() throws Exception {
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP);
             TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = issued("RED");
            // A retry under the same Idempotency-Key answers 202 again and proposes nothing more.
            for (int attempt = 0; attempt < 2; attempt++) {
                given().header("Authorization", COMMANDER_WANG).header("Idempotency-Key", "lift-" + id)
                        .contentType(ContentType.JSON).body("{\"reason\": \"Typhoon passed Shenhu\"}")
                        .when().post("/api/warnings/" + id + "/cancel")
                        .then().statusCode(202).body("status", equalTo("ACTIVE")).body("level", equalTo("RED"))
                        .body("capMessages.msgType", equalTo(List.of("ALERT")))
                        .body("pendingChange.kind", equalTo("CANCEL"))
                        .body("pendingChange.reason", equalTo("Typhoon passed Shenhu"))
                        .body("pendingChange.proposedBy", equalTo(List.of("commander-wang")));
            }
            get(id).body("status", equalTo("ACTIVE")).body("endedBy", nullValue()).body("capMessages", hasSize(1))
                    .body("history.action", equalTo(List.of("DRAFTED", "APPROVED", "CANCEL_PROPOSED")));
            post(COMMANDER_WANG, "/api/warnings/" + id + "/change/approve").statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("second person"));
            get(id).body("status", equalTo("ACTIVE")).body("capMessages", hasSize(1));
            cap.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            List<String> issuedSoFar = cap.drain(Duration.ofSeconds(3)).stream().filter(r -> id.equals(r.key()))
                    .map(ConsumerRecord::value).toList();
            assertEquals(1, issuedSoFar.size(), "while the cancellation waits, only the Alert is on broadcast-cap");
            assertTrue(issuedSoFar.get(0).contains("<msgType>Alert</msgType>"), issuedSoFar.get(0));
            events.await(r -> id.equals(r.key()) && "warning.issued".equals(type(r)), Duration.ofSeconds(20));
            assertEquals(List.of("warning.issued"), lifecycle(events.drain(Duration.ofSeconds(1)), id),
                    "no warning.cancelled yet");

            post(COMMANDER_HUANG, "/api/warnings/" + id + "/change/approve").statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("endedBy", equalTo("commander-huang"))
                    .body("endReason", equalTo("Typhoon passed Shenhu")).body("pendingChange", nullValue())
                    .body("capMessages.msgType", equalTo(List.of("ALERT", "CANCEL")));
            post(COMMANDER_CHEN, "/api/warnings/" + id + "/change/approve").statusCode(409);

            List<ConsumerRecord<String, String>> messages = cap.awaitAll(r -> id.equals(r.key()), 2,
                    Duration.ofSeconds(20));
            String cancel = messages.get(1).value();
            assertTrue(cancel.contains("<msgType>Cancel</msgType>"), cancel);
            assertTrue(cancel.contains("<identifier>" + id + ".2</identifier>"), cancel);
            assertTrue(cancel.contains("," + id + ".1,"), "the Cancel references the Alert: " + cancel);
            assertTrue(cancel.contains("Typhoon passed Shenhu"), "the reason goes with the Cancel");
            ConsumerRecord<String, String> cancelled = events.await(r -> id.equals(r.key())
                    && "warning.cancelled".equals(type(r)), Duration.ofSeconds(20));
            JsonNode data = JSON.readTree(cancelled.value()).get("data");
            assertEquals("CANCELLED", data.get("status").asText());
            assertEquals(id + ".2", data.get("capIdentifier").asText());
            assertEquals("Typhoon passed Shenhu", data.get("reason").asText());
            assertEquals("commander-huang", data.get("changedBy").asText(), "lifted on the second commander's word");

            assertEquals(2, cap.drain(Duration.ofSeconds(2)).stream().filter(r -> id.equals(r.key())).count(),
                    "one Alert and one Cancel, nothing more");
            assertEquals(List.of("warning.issued", "warning.cancelled"), lifecycle(events.drain(Duration.ZERO), id));
            get(id).body("history.action", equalTo(List.of("DRAFTED", "APPROVED", "CANCEL_PROPOSED",
                    "CANCEL_APPROVED"))).body("history.by[3]", equalTo("commander-huang"));
        }
    }

    @Test
    void aBlueOrYellowWarningIsStillLiftedAtOnce() throws Exception {
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP);
             TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = issued("YELLOW");
            cancel(COMMANDER_WANG, id, "Rain eased").statusCode(200).body("status", equalTo("CANCELLED"))
                    .body("endedBy", equalTo("commander-wang")).body("pendingChange", nullValue())
                    .body("capMessages.msgType", equalTo(List.of("ALERT", "CANCEL")));
            List<ConsumerRecord<String, String>> messages = cap.awaitAll(r -> id.equals(r.key()), 2,
                    Duration.ofSeconds(20));
            assertTrue(messages.get(1).value().contains("<msgType>Cancel</msgType>"));
            ConsumerRecord<String, String> cancelled = events.await(r -> id.equals(r.key())
                    && "warning.cancelled".equals(type(r)), Duration.ofSeconds(20));
            assertEquals("commander-wang", JSON.readTree(cancelled.value()).at("/data/changedBy").asText());
            get(id).body("history.action", equalTo(List.of("DRAFTED", "APPROVED", "CANCELLED")));
        }
    }

    @Test
    void aWaitingCancellationAndAWaitingChangeNeverMerge() {
        String id = issued("ORANGE");
        // A change waits: lifting the warning is refused until somebody approves or rejects it.
        put(COMMANDER_WANG, id, "RED", "安海镇暴雨红色预警").statusCode(202);
        cancel(COMMANDER_HUANG, id, "Rain eased").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("change"));
        get(id).body("pendingChange.kind", equalTo("CHANGE")).body("pendingChange.level", equalTo("RED"))
                .body("pendingChange.proposedBy", equalTo(List.of("commander-wang")));
        given().header("Authorization", COMMANDER_HUANG).contentType(ContentType.JSON)
                .body("{\"reason\": \"Rain easing; lifting instead\"}")
                .when().post("/api/warnings/" + id + "/change/reject").then().statusCode(200);

        // A cancellation waits: a change is refused, and so is a second cancellation (approve the first instead).
        cancel(COMMANDER_HUANG, id, "Rain eased").statusCode(202).body("pendingChange.kind", equalTo("CANCEL"));
        put(COMMANDER_WANG, id, "RED", "安海镇暴雨红色预警").statusCode(409).contentType("application/problem+json");
        cancel(COMMANDER_WANG, id, "Rain eased").statusCode(409).body("detail", containsString("commander-huang"));
        cancel(DISPATCHER, id, "Rain eased").statusCode(403);
        get(id).body("status", equalTo("ACTIVE")).body("level", equalTo("ORANGE")).body("capMessages", hasSize(1))
                .body("pendingChange.proposedBy", equalTo(List.of("commander-huang")));

        // Rejecting it keeps the warning in force; its proposer may withdraw it as anyone may reject it.
        given().header("Authorization", COMMANDER_HUANG).contentType(ContentType.JSON)
                .body("{\"reason\": \"Second band of rain forecast\"}")
                .when().post("/api/warnings/" + id + "/change/reject")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("pendingChange", nullValue())
                .body("capMessages", hasSize(1));
        get(id).body("history.action", equalTo(List.of("DRAFTED", "APPROVED", "CHANGE_PROPOSED", "CHANGE_REJECTED",
                "CANCEL_PROPOSED", "CANCEL_REJECTED")));
        post(COMMANDER_CHEN, "/api/warnings/" + id + "/change/approve").statusCode(409);
    }

    @Test
    void theOpenApiDocumentDescribesBothAnswersOfChangingAndLiftingAWarning() {
        JsonPath api = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String operation : List.of("'/api/warnings/{id}'.put", "'/api/warnings/{id}/cancel'.post")) {
            for (String status : List.of("200", "202")) {
                String schema = api.getString("paths." + operation + ".responses.'" + status
                        + "'.content.'application/json'.schema.'$ref'");
                assertTrue(schema != null && schema.endsWith("/WarningView"), operation + " " + status + ": " + schema);
            }
        }
    }

    /** The warning's notices other than coverage ones (which come as broadcast reports do, not from these calls). */
    private static List<String> lifecycle(List<ConsumerRecord<String, String>> records, String id) {
        return records.stream().filter(r -> id.equals(r.key())).map(WarningFourEyesTest::type)
                .filter(type -> !type.startsWith("warning.coverage") && !type.startsWith("warning.acknowledg"))
                .toList();
    }

    private static String type(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("type").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
