package cn.jinjiang.emergency.dispatch.api;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dispatcher's tablet retries an assignment it never saw answered, several times at once. Running the assignment
 * twice would find the unit taken (409), so the retries must queue on their key and all get the first answer.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class IdempotentAssignmentTest {

    private static final double LAT = 42.3;
    private static final double LON = 104.9;
    private static final int RETRIES = 8;

    private static ExtractableResponse<Response> assign(UUID incident, UUID unit, String key) {
        return given().header("Authorization", TestTokens.bearer("dispatcher")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"unitIds\": [\"" + unit + "\"]}")
                .when().post("/api/incidents/" + incident + "/assignments").then().extract();
    }

    @Test
    void retriesRacingEachOtherAllGetTheFirstAnswerAndBookTheUnitOnce() throws Exception {
        UUID incident = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID unit = Dispatch.unit("JJ-RETRYRACE", "FIRE_ENGINE", "FIRE", LAT, LON);
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(RETRIES);
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < RETRIES; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return assign(incident, unit, key);
                }));
            }
            start.countDown();
            Set<String> bodies = new java.util.HashSet<>();
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get();
                assertEquals(201, response.statusCode(), response.asString());
                bodies.add(response.asString());
            }
            pool.shutdown();
            assertEquals(1, bodies.size(), "every retry answers as the first: " + bodies);

            topic.await(r -> "dispatch.assigned".equals(Dispatch.type(r))
                    && unit.toString().equals(Dispatch.data(r).get("unitId").asText()), Duration.ofSeconds(20));
            assertEquals(1, topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> "dispatch.assigned".equals(Dispatch.type(r))
                            && unit.toString().equals(Dispatch.data(r).get("unitId").asText())).count(),
                    "one dispatch.assigned for all the retries");
        }
    }

    @Test
    void theSameKeyAndBodyForAnotherIncidentIsRefusedNotReplayed() {
        UUID first = Dispatch.incident("FIRE", "IV", LAT, LON);
        UUID second = Dispatch.incident("FIRE", "IV", LAT, LON + 0.01);
        UUID unit = Dispatch.unit("JJ-KEYPATH", "FIRE_ENGINE", "FIRE", LAT, LON);
        String key = UUID.randomUUID().toString();
        assertEquals(201, assign(first, unit, key).statusCode());

        ExtractableResponse<Response> other = assign(second, unit, key);
        assertEquals(422, other.statusCode(), other.asString());
        given().header("Authorization", TestTokens.bearer("dispatcher")).when().get("/api/incidents/" + second)
                .then().statusCode(200).body("assignments.size()", org.hamcrest.Matchers.equalTo(0));
        assertEquals(List.of("Idempotency-Key"), other.jsonPath().getList("errors.field"));
    }
}
