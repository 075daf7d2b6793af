package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.ANHAI;
import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An Idempotency-Key belongs to one request: its caller, method and path. Retries racing each other queue on the key
 * and get the first answer, even where running the change twice would be refused (a re-opened incident is open).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class IdempotentDecisionTest {

    private static final String FINAL = """
            {"kind": "FINAL", "casualties": {"deaths": 0, "seriousInjuries": 0, "missing": 0},
             "situation": "Fire out", "actionsTaken": "Anhai fire station on site"}""";
    private static final String REASON = "{\"reason\": \"Smoke again from the roof\"}";

    private static String closedIncident() {
        String id = given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                .when().post("/api/incidents").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(FINAL)
                .when().post("/api/incidents/" + id + "/reports").then().statusCode(201);
        return id;
    }

    private static ExtractableResponse<Response> reopen(String id, String key) {
        return given().header("Authorization", TestTokens.bearer("commander")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(REASON)
                .when().post("/api/incidents/" + id + "/reopen").then().extract();
    }

    @Test
    void retriesRacingEachOtherGetTheFirstAnswerNotAConflict() {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS)) {
            String id = closedIncident();
            String key = UUID.randomUUID().toString();
            List<CompletableFuture<ExtractableResponse<Response>>> retries = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> reopen(id, key)))
                    .toList();
            Set<String> answers = retries.stream().map(CompletableFuture::join)
                    .peek(answer -> assertEquals(200, answer.statusCode(), answer.asString()))
                    .map(ExtractableResponse::asString)
                    .collect(Collectors.toSet());
            assertEquals(1, answers.size(), "every retry answers as the first: " + answers);

            topic.await(r -> id.equals(r.key()) && r.value().contains("\"incident.reopened\""),
                    Duration.ofSeconds(15));
            assertEquals(1, topic.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> id.equals(r.key()) && r.value().contains("\"incident.reopened\"")).count(),
                    "one re-opening for six retries");
        }
    }

    @Test
    void theSameKeyAndBodyOnAnotherPathIsAnotherRequestAndRefused() {
        String first = closedIncident();
        String second = closedIncident();
        String key = UUID.randomUUID().toString();
        assertEquals(200, reopen(first, key).statusCode());

        // Same caller, key and body, another incident: not the first answer replayed, and nothing re-opened.
        given().header("Authorization", TestTokens.bearer("commander")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(REASON)
                .when().post("/api/incidents/" + second + "/reopen")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
        given().header("Authorization", TestTokens.bearer("commander"))
                .when().get("/api/incidents/" + second)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
    }
}
