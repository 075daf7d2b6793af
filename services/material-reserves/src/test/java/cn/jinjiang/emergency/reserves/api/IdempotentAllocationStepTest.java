package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * An Idempotency-Key is bound to the request it was first sent with, path included: the same key and body sent to
 * another step of the same allocation (return after cancel) is another request, refused, never answered with the
 * first step's result.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Reserves.DATABASE))
class IdempotentAllocationStepTest {

    @Test
    void theSameKeyAndBodyOnAnotherStepIsRefusedNotReplayed() {
        JsonPath town = Reserves.warehouse("WH-LONGHU");
        double lat = town.getDouble("latitude");
        double lon = town.getDouble("longitude");
        UUID incident = Reserves.incident(lat, lon);
        String allocation = Reserves.allocate(incident, lat, lon, Map.of("TENT-12", 1)).statusCode(201)
                .extract().path("id");
        String path = "/api/incidents/" + incident + "/allocations/" + allocation;
        String key = UUID.randomUUID().toString();
        String body = "{\"reason\": \"Not needed after all\"}";

        Reserves.as("dispatcher").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post(path + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        Reserves.as("dispatcher").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post(path + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        Reserves.as("dispatcher").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post(path + "/return")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }
}
