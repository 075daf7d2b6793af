package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import cn.jinjiang.emergency.shared.testing.TestTokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Bench B6 (GatewayFanoutBench) on a broker and a gateway of its own, for when the local stack's ports are taken or
 * its figures would be disturbed by the other services: a broker from deploy/kafka on free ports, the packaged gateway
 * with the same JVM flags as deploy/local/up.sh on a free port and its test database, and the harness from bench/.
 * Arguments are passed to the harness. Not a test (failsafe runs *IT only); see docs/performance.md for the command.
 */
public final class GatewayFanoutRig {

    private static final String DATABASE = "command_gateway_test";

    private GatewayFanoutRig() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target/fanout"));
        KafkaBroker broker = KafkaBroker.format(Files.createTempDirectory(work, "kafka-"));
        Process gateway = null;
        try {
            broker.start().createProjectTopics();
            PostgresDatabase.recreate(DATABASE);
            int port = freePort();
            Path jar = RepositoryRoot.get().resolve("services/command-gateway/target/quarkus-app/quarkus-run.jar");
            ProcessBuilder service = new ProcessBuilder(java(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("command-gateway.log").toFile());
            service.environment().putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "KAFKA_PASSWORD", broker.password("command-gateway"),
                    "DB_HOST", PostgresDatabase.HOST, "DB_PORT", String.valueOf(PostgresDatabase.PORT),
                    "DB_USER", PostgresDatabase.USER, "DB_PASSWORD", PostgresDatabase.PASSWORD,
                    "JWT_PUBLIC_KEY", TestTokens.publicKeyLocation(),
                    "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "EMERGENCY_SERVICE_DATABASE", DATABASE));
            gateway = service.start();
            awaitReady(port);

            Path kafkaConfig = work.resolve("admin.properties");
            Properties admin = new Properties();
            broker.adminClient().forEach((key, value) -> admin.setProperty(key, String.valueOf(value)));
            try (var out = Files.newBufferedWriter(kafkaConfig)) {
                admin.store(out, "the broker's admin user, for the harness");
            }
            Path bench = RepositoryRoot.get().resolve("bench/target");
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                    "-cp", bench.resolve("libs") + "/*:" + bench.resolve("classes"),
                    "cn.jinjiang.emergency.bench.GatewayFanoutBench"));
            command.addAll(List.of(args));
            ProcessBuilder harness = new ProcessBuilder(command).inheritIO();
            harness.environment().putAll(Map.of(
                    "BENCH_KAFKA", broker.bootstrapServers(),
                    "BENCH_KAFKA_CONFIG", kafkaConfig.toAbsolutePath().toString(),
                    "BENCH_VIEWER_TOKEN", TestTokens.token("viewer", null),
                    "BENCH_OFFICER_TOKEN", TestTokens.token("duty-officer", "350582100000"),
                    "BENCH_GATEWAY", "http://127.0.0.1:" + port,
                    "BENCH_GATEWAY_PID", String.valueOf(gateway.pid())));
            int exit = harness.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the harness failed with " + exit);
            }
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor();
            }
            broker.close();
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the gateway did not become ready");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
