package cn.jinjiang.emergency.shared.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every service offers operations tooling without a token: readiness that answers for both the broker and the
 * database, Prometheus metrics and the OpenAPI document; and the request limits every service shares. Mix into one
 * test class per service.
 */
public interface OperationsChecks {

    /**
     * The service's endpoints as its OpenAPI document lists them ("GET /api/incidents/{id}"), each with the
     * {@link cn.jinjiang.emergency.shared.security.AccessPolicy} permission it requires.
     */
    Map<String, String> endpointPermissions();

    @Test
    default void everyEndpointFollowsTheAccessPolicy() throws Exception {
        AccessMatrix.verify(endpointPermissions());
    }

    @Test
    default void readinessCoversKafkaAndPostgres() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check"));
    }

    /** The shared request limits hold in this service too (RequestLimits; README "Request limits"). */
    @Test
    default void requestLimitsApply() throws Exception {
        RequestLimitChecks.uriTooLongIsRefused();
        RequestLimitChecks.bodyThatNeverArrivesIsAnswered408(endpointPermissions());
    }

    @Test
    default void prometheusMetricsAndOpenApiAreOpen() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
    }
}
