package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.testing.OperationsChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

/** Health, metrics and OpenAPI are open to operations tooling; readiness checks the broker and the database. */
@QuarkusTest
class OperationsTest implements OperationsChecks {

    @Override
    public Map<String, String> endpointPermissions() {
        return Map.ofEntries(
                Map.entry("GET /api/statistics/timeliness", AccessPolicy.READ_INCIDENTS),
                Map.entry("POST /api/incidents", AccessPolicy.REPORT_INCIDENTS),
                Map.entry("POST /api/incidents/{id}/reports", AccessPolicy.REPORT_INCIDENTS),
                Map.entry("GET /api/incidents/{id}/reports", AccessPolicy.READ_INCIDENTS),
                Map.entry("PUT /api/incidents/{id}/response-level", AccessPolicy.DECIDE_INCIDENTS),
                Map.entry("POST /api/incidents/{id}/reopen", AccessPolicy.DECIDE_INCIDENTS),
                Map.entry("POST /api/incidents/{id}/merge", AccessPolicy.DECIDE_INCIDENTS),
                Map.entry("GET /api/incidents", AccessPolicy.READ_INCIDENTS),
                Map.entry("GET /api/incidents/{id}", AccessPolicy.READ_INCIDENTS),
                Map.entry("GET /api/incident-types", AccessPolicy.READ_REFERENCE),
                Map.entry("GET /api/areas", AccessPolicy.READ_REFERENCE),
                Map.entry("GET /api/contingency-plans", AccessPolicy.READ_REFERENCE),
                Map.entry("GET /api/contingency-plans/coverage", AccessPolicy.READ_REFERENCE));
    }

    @Test
    void openApiDescribesTheReportingApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/incidents"))
                .body("paths", hasKey("/api/incidents/{id}/reports"))
                .body("paths", hasKey("/api/incident-types"))
                .body("paths", hasKey("/api/areas"));
    }
}
