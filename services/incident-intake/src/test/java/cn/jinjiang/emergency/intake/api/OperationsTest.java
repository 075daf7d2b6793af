package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.OperationsChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

/** Health, metrics and OpenAPI are open to operations tooling; readiness checks the broker and the database. */
@QuarkusTest
class OperationsTest implements OperationsChecks {

    @Test
    void openApiDescribesTheReportingApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/incidents"))
                .body("paths", hasKey("/api/areas"));
    }
}
