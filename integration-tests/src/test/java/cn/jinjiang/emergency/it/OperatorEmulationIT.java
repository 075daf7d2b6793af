package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * deploy/k8s's development overlay, applied as its operators would apply it ({@link OperatorEmulation}) to a broker
 * of its own and the local PostgreSQL, runs the system: each service started with the environment its workload
 * declares, logging in to Kafka as its {@code KafkaUser} under that user's ACLs and to its database as its
 * {@code Cluster}'s owner, takes a report end to end. What stands in for the cluster: the broker's address (the
 * bootstrap Service's DNS name), the mounted Secrets' paths (token key, CAP key), a free port, and the databases'
 * names on the one local server (suffixed, and the gateway's per-pod database with underscores).
 */
class OperatorEmulationIT {

    private static final String SUFFIX = PostgresDatabase.suffixed("_k8s_it");
    private static final String ANHAI = "350582100000";
    private static KafkaBroker broker;
    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    @BeforeAll
    static void applyTheManifestsAndStartTheServices() throws Exception {
        OperatorEmulation operators = OperatorEmulation.of("dev", SUFFIX);
        broker = KafkaBroker.format(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-k8s-"));
        broker.start();
        operators.applyKafka(broker);
        operators.applyDatabases();
        for (JsonNode workload : workloads(operators)) {
            String name = workload.at("/metadata/name").asText();
            Map<String, String> environment = operators.environment(name);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            environment.put("JWT_PUBLIC_KEY", TestTokens.publicKeyLocation());
            environment.put("EMERGENCY_WARNING_CAP_PRIVATE_KEY",
                    Path.of("target/cap/private.pem").toAbsolutePath().toString());
            environment.put("EMERGENCY_WARNING_CAP_GENERATE_IF_MISSING", "true");
            String database;
            if ("StatefulSet".equals(workload.path("kind").asText())) {
                // The first pod: its name is its instance, and its database the Database of ordinal 0.
                environment.put("GATEWAY_INSTANCE", name + "-0");
                database = operators.database((name + "-0").replace('-', '_'));
            } else {
                database = operators.database(workload.at("/metadata/name").asText().replace('-', '_'));
            }
            services.put(name, ServiceProcess.start(name, name + "-k8s", database, environment));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(360));
        }
    }

    private static List<JsonNode> workloads(OperatorEmulation operators) {
        List<JsonNode> workloads = new ArrayList<>(operators.ofKind("Deployment"));
        workloads.addAll(operators.ofKind("StatefulSet"));
        return workloads;
    }

    @AfterAll
    static void stop() {
        services.values().forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aReportTravelsTheSystemAsTheManifestsConfigureItAndAStoppingGatewayHandsItsScreensOn() {
        String body = """
                {"type": "WATERLOGGING", "title": "Deployed as the manifests say",
                 "location": {"latitude": 24.7189, "longitude": 118.4601}, "areaCode": "%s",
                 "occurredAt": "%s", "casualties": {"deaths": 0, "seriousInjuries": 0, "minorInjuries": 1}}
                """.formatted(ANHAI, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        String id = given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post(services.get("incident-intake").url("/api/incidents"))
                .then().statusCode(201).extract().path("id");
        String token = TestTokens.bearer("commander");
        Map<String, String> copies = Map.of(
                "resource-dispatch", "/api/incidents/" + id,
                "warning-broadcast", "/api/incidents/" + id + "/warnings",
                "material-reserves", "/api/incidents/" + id + "/allocations",
                "command-gateway", "/api/picture/incidents/" + id);
        copies.forEach((service, path) -> Eventually.until(() -> given().header("Authorization", token)
                        .when().get(services.get(service).url(path)).statusCode() == 200,
                Duration.ofSeconds(60), service + " knowing incident " + id));
        given().header("Authorization", token).when().get(services.get("resource-dispatch").url("/api/incidents/" + id))
                .then().statusCode(200).body("areaCode", equalTo(ANHAI));

        // A rolling update stops the gateway's pod (SIGTERM): its screen is told to resume elsewhere, not dropped.
        ServiceProcess gateway = services.get("command-gateway");
        try (ScreenClient screen = ScreenClient.connect(URI.create("ws://127.0.0.1:" + gateway.port + "/ws/incidents"),
                TestTokens.token("viewer", null))) {
            screen.await(m -> "snapshot".equals(m.path("kind").asText()), Duration.ofSeconds(30));
            gateway.close();
            assertEquals(1012, screen.awaitClose(Duration.ofSeconds(20)), "the close code of a stopping instance");
        }
    }
}
