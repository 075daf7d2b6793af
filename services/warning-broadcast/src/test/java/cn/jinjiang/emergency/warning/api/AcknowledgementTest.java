package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static cn.jinjiang.emergency.shared.testing.CloudEvents.data;
import static cn.jinjiang.emergency.shared.testing.CloudEvents.type;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.issue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 叫应 through the API and warning-events: duty officers read the warnings reaching their area and acknowledge them
 * once per area; a town that does not, within the level's time (3 s for blue and yellow in tests), is told overdue
 * once.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class AcknowledgementTest {

    private static final String CIZAO = "350582101000";
    private static final String CIZAO_VILLAGE = "350582101201";
    private static final String DONGSHI = "350582104000";
    private static final String ANHAI = "350582100000";

    @Test
    void officersAcknowledgeOnceAndATownThatDoesNotIsToldOverdueOnce() throws Exception {
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String id = issue("RAINSTORM", "YELLOW", CIZAO, DONGSHI);
            String cizao = TestTokens.bearer("duty-officer", CIZAO);
            String acknowledgedAt = acknowledge(id, cizao).statusCode(201).body("areaCode", equalTo(CIZAO))
                    .extract().path("acknowledgedAt");
            // Again, or twice at once from another screen: the first answer, nothing announced again.
            acknowledge(id, cizao).statusCode(200).body("acknowledgedAt", equalTo(acknowledgedAt));
            // A village may acknowledge for itself; a command centre does not acknowledge.
            acknowledge(id, TestTokens.bearer("duty-officer", CIZAO_VILLAGE)).statusCode(201)
                    .body("areaCode", equalTo(CIZAO_VILLAGE));
            acknowledge(id, TestTokens.bearer("commander")).statusCode(403);
            // A warning not reaching the officer's area is unknown to them.
            String anhai = TestTokens.bearer("duty-officer", ANHAI);
            acknowledge(id, anhai).statusCode(404).contentType("application/problem+json");

            // Officers read the warnings reaching their area, and only those.
            given().header("Authorization", cizao).when().get("/api/warnings").then().statusCode(200)
                    .body("warnings.id", hasItem(id));
            given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO_VILLAGE))
                    .when().get("/api/warnings/" + id).then().statusCode(200);
            given().header("Authorization", anhai).when().get("/api/warnings/" + id).then().statusCode(404);
            given().header("Authorization", anhai).when().get("/api/warnings").then().statusCode(200)
                    .body("warnings.id", not(hasItem(id)));
            given().header("Authorization", cizao).queryParam("areaCode", DONGSHI).when().get("/api/warnings")
                    .then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/warnings/" + id + "/acknowledgements").then().statusCode(200)
                    .body("areaCode", equalTo(List.of(CIZAO, CIZAO_VILLAGE)));

            // Dongshi never acknowledges: told overdue once; Cizao acknowledged in time and is not.
            ConsumerRecord<String, String> overdue = events.await(r -> about(r, id)
                    && "warning.acknowledgement-overdue".equals(type(r)), Duration.ofSeconds(20));
            assertEquals(DONGSHI, data(overdue).get("areaCode").asText());
            assertEquals("350582", data(overdue).get("jurisdiction").asText());
            List<ConsumerRecord<String, String>> all = events.drain(Duration.ofSeconds(2));
            assertEquals(1, all.stream().filter(r -> about(r, id) && "warning.acknowledgement-overdue"
                    .equals(type(r))).count(), "told overdue once");
            assertEquals(List.of(CIZAO, CIZAO_VILLAGE), all.stream().filter(r -> about(r, id)
                    && "warning.acknowledged".equals(type(r))).map(r -> data(r).get("areaCode").asText()).toList(),
                    "each area's acknowledgement announced once");

            // A warning no longer in force is not acknowledged.
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{\"reason\": \"Rain over\"}").when().post("/api/warnings/" + id + "/cancel")
                    .then().statusCode(200);
            acknowledge(id, TestTokens.bearer("duty-officer", DONGSHI)).statusCode(409);
        }
    }

    private static io.restassured.response.ValidatableResponse acknowledge(String id, String token) {
        return given().header("Authorization", token).when().post("/api/warnings/" + id + "/acknowledgements")
                .then();
    }

    private static boolean about(ConsumerRecord<String, String> record, String warning) {
        return warning.equals(data(record).path("warningId").asText());
    }
}
