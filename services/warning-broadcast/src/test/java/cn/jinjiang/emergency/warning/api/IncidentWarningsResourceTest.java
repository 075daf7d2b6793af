package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class IncidentWarningsResourceTest {

    @Test
    void warningsAreEmptyOnceTheIncidentIsKnownAnd404Before() {
        UUID incident = UUID.randomUUID();
        String path = "/api/incidents/" + incident + "/warnings";
        given().header("Authorization", TestTokens.bearer("broadcast-system"))
                .when().get(path)
                .then().statusCode(404).contentType("application/problem+json");

        TopicReader.send(RealInfrastructure.broker().bootstrapServers(), Topics.INCIDENT_EVENTS,
                incident.toString(), SampleEvents.incidentReported(UUID.randomUUID(), incident, "Hillside slip"));

        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("broadcast-system"))
                .when().get(path).statusCode() == 200, Duration.ofSeconds(20), "incident becoming known");
        given().header("Authorization", TestTokens.bearer("commander"))
                .when().get(path)
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void rolesOutsideTheCommandChainAreRefused() {
        given().when().get("/api/incidents/" + UUID.randomUUID() + "/warnings")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("duty-officer", "350582100000"))
                .when().get("/api/incidents/" + UUID.randomUUID() + "/warnings")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void readinessCoversKafkaAndPostgres() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check"));
    }
}
