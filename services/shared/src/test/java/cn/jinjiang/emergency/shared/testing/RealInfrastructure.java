package cn.jinjiang.emergency.shared.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: a real Kafka broker (own process, one per test JVM) on which the service logs in as its own
 * user, a freshly created PostgreSQL database named by the {@code database} init arg, and the test JWT key. Nothing is
 * mocked and nothing needs Docker.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;
    private String database;
    private String service;

    /**
     * {@code database} names the test database (plus the system property {@code emergency.test.database-suffix}, if
     * set); the service (its Kafka user) is the optional {@code service} arg or else follows from the database's name,
     * {@code <service_name>_test}.
     */
    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("RealInfrastructure needs a 'database' init arg");
        }
        service = initArgs.getOrDefault("service", database.replaceFirst("_test$", "").replace('_', '-'));
        // Lets two checkouts run one module's tests side by side without recreating each other's database.
        database = PostgresDatabase.suffixed(database);
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabase.recreate(database);
        KafkaBroker kafka = broker();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "KAFKA_PASSWORD", kafka.password(service),
                "quarkus.datasource.reactive.url", PostgresDatabase.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", PostgresDatabase.jdbcUrl(database),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The broker lives as long as the test JVM (see shutdown hook): later test classes reuse it.
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            KafkaBroker formatted;
            try {
                formatted = KafkaBroker.format(Files.createTempDirectory(Path.of("target"), "kafka-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            KafkaBroker started = formatted.start();
            // Registered before the topics are set up: a failing setup must not leave the broker process behind.
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            started.createProjectTopics();
            broker = started;
        }
        return broker;
    }
}
