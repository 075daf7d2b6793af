package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s's production overlay puts the services on Kafka's TLS listener (SASL_SSL, trusting Strimzi's cluster
 * certificate authority). Here incident-intake is started with the environment its production Deployment declares
 * against a broker that has such a listener ({@link KafkaBroker#formatWithTls}), the manifests applied as the
 * operators would ({@link OperatorEmulation}). It must become ready (its readiness asks the broker) and its report's
 * event must reach the topic: its only way to the broker is the TLS listener, since the bootstrap address it is given
 * is that listener's. What stands in for the cluster: the bootstrap Service's name (the broker's TLS address) and the
 * mounted certificate authority's path (the broker's own certificate file).
 */
class KafkaTlsIT {

    private static final String SUFFIX = PostgresDatabase.suffixed("_tls_it");
    private static final String ANHAI = "350582100000";
    private static KafkaBroker broker;
    private static ServiceProcess intake;
    private static Map<String, String> declared;

    @BeforeAll
    static void startIntakeAsProductionDeclaresIt() throws Exception {
        OperatorEmulation operators = OperatorEmulation.of("production", SUFFIX);
        broker = KafkaBroker.formatWithTls(
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-tls-"));
        broker.start();
        operators.applyKafka(broker);
        operators.applyDatabases();
        declared = operators.environment("incident-intake");
        Map<String, String> environment = new HashMap<>(declared);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.tlsBootstrapServers());
        environment.put("KAFKA_CA_FILE", broker.caFile().toAbsolutePath().toString());
        environment.put("JWT_PUBLIC_KEY", TestTokens.publicKeyLocation());
        intake = ServiceProcess.start("incident-intake", "incident-intake-tls", operators.database("incident_intake"),
                environment);
        intake.awaitReady(Duration.ofSeconds(240));
    }

    @AfterAll
    static void stop() {
        if (intake != null) {
            intake.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void productionDeclaresTheTlsListenerAndItsCertificateAuthority() {
        assertEquals("SASL_SSL", declared.get("KAFKA_SECURITY_PROTOCOL"));
        assertTrue(declared.get("KAFKA_BOOTSTRAP_SERVERS").endsWith(":9093"), declared.toString());
        assertEquals("/etc/emergency/kafka-ca/ca.crt", declared.get("KAFKA_CA_FILE"));
    }

    @Test
    void aReportIsTakenAndItsEventGoesOutOverTls() throws Exception {
        String body = """
                {"type": "WATERLOGGING", "title": "Reported over TLS",
                 "location": {"latitude": 24.7189, "longitude": 118.4601}, "areaCode": "%s", "occurredAt": "%s"}
                """.formatted(ANHAI, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        String id = given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .contentType(ContentType.JSON).body(body)
                .when().post(intake.url("/api/incidents"))
                .then().statusCode(201).extract().path("id");

        Map<String, Object> config = new HashMap<>(broker.adminClient());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tls-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("incident-events"));
            Eventually.until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().anyMatch(r -> id.equals(r.key()));
            }, Duration.ofSeconds(60), "incident-events holding the report of " + id);
        }
        JsonNode event = new ObjectMapper().readTree(
                records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow().value());
        assertEquals("incident.reported", event.path("type").asText());
        assertEquals(id, event.path("subject").asText());
    }
}
