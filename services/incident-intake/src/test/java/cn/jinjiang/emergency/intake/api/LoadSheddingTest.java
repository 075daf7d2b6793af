package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Beyond emergency.http.max-in-flight API requests at once (12 in this profile), a request is shed with 503 and
 * Retry-After instead of queueing, and capacity comes back as requests end, including ones whose client went away.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class LoadSheddingTest {

    @TestHTTPResource("/")
    URL base;

    private static int status() {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + UUID.randomUUID()).then().extract().statusCode();
    }

    /** Two callers, 7 and 6 held reports (one caller may hold at most 8, RequestSharesTest): one of the 13 is shed. */
    @Test
    void requestsBeyondTheLimitAreShedAndCapacityComesBack() throws Exception {
        List<String> callers = new ArrayList<>(Collections.nCopies(7, TestTokens.bearer("dispatcher")));
        callers.addAll(Collections.nCopies(6, TestTokens.bearer("commander")));
        try (HeldReports held = new HeldReports(base, callers)) {
            Eventually.until(() -> held.answered() > 0, Duration.ofSeconds(10), "one of 13 held reports shed");
            String shed = held.takeAnswered();
            assertTrue(shed.startsWith("HTTP/1.1 503"), shed);
            assertTrue(shed.toLowerCase().contains("\r\nretry-after: 1\r\n"), shed);
            assertTrue(shed.toLowerCase().contains("content-type: application/problem+json"), shed);
            assertTrue(shed.contains("at capacity"), shed);
            // Twelve are held: anybody's next request is shed.
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/incidents/" + UUID.randomUUID())
                    .then().statusCode(503).header("Retry-After", equalTo("1"))
                    .contentType("application/problem+json").body("detail", containsString("at capacity"));
            // Operations endpoints are never shed.
            given().when().get("/q/health/live").then().statusCode(200);
        }
        Eventually.until(() -> status() == 404, Duration.ofSeconds(10),
                "capacity back once the hanging requests' connections closed");
    }
}
