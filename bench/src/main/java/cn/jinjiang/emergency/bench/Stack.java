package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the local stack of deploy/local/up.sh listens, the tokens the scripts minted for it, and the Kafka client
 * settings (SASL as the broker's admin) from the file up.sh wrote.
 */
record Stack(String host, String kafka, Properties kafkaClient, String dbUser, String dbPassword, String officerToken,
        String viewerToken) {

    /** Port of each service, in the order the harness reports them. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("incident-intake", 8081);
        SERVICES.put("resource-dispatch", 8082);
        SERVICES.put("warning-broadcast", 8083);
        SERVICES.put("material-reserves", 8084);
        SERVICES.put("command-gateway", 8080);
    }

    /** The services that keep a projection of incidents, with their databases. */
    static final Map<String, String> PROJECTIONS = Map.of(
            "resource-dispatch", "resource_dispatch",
            "warning-broadcast", "warning_broadcast",
            "material-reserves", "material_reserves",
            "command-gateway", "command_gateway");

    /**
     * The databases of the gateway's instances after the first (command_gateway_2 …), which deploy/local tells the
     * harness in {@code BENCH_GATEWAY_DATABASES}: each holds that instance's picture.
     */
    static java.util.List<String> gatewayInstanceDatabases() {
        String listed = System.getenv().getOrDefault("BENCH_GATEWAY_DATABASES", "");
        return java.util.Arrays.stream(listed.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .toList();
    }

    /** {@link #PROJECTIONS} and each further gateway instance's, as {@code command-gateway.<i>}. */
    static Map<String, String> projections() {
        Map<String, String> all = new LinkedHashMap<>(PROJECTIONS);
        for (String database : gatewayInstanceDatabases()) {
            all.put("command-gateway." + database.substring(database.lastIndexOf('_') + 1), database);
        }
        return all;
    }

    static Stack fromEnvironment() {
        return new Stack(env("BENCH_HOST", "127.0.0.1"), env("BENCH_KAFKA", "127.0.0.1:9092"),
                properties(required("BENCH_KAFKA_CONFIG")), env("DB_USER", "emergency"), env("DB_PASSWORD", "emergency"),
                required("BENCH_OFFICER_TOKEN"), required("BENCH_VIEWER_TOKEN"));
    }

    URI service(String name, String path) {
        return URI.create("http://" + host + ":" + SERVICES.get(name) + path);
    }

    URI screens() {
        return URI.create("ws://" + host + ":" + SERVICES.get("command-gateway") + "/ws/incidents");
    }

    Connection database(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", dbUser);
        properties.setProperty("password", dbPassword);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":5432/" + name,
                properties);
        // Its backend works for the harness: StackCpu counts it as the harness's, not as the stack's PostgreSQL.
        try (Statement query = connection.createStatement();
             ResultSet backend = query.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            StackProcesses.harnessBackend(backend.getLong(1));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Properties properties(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client settings " + file, e);
        }
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run this through deploy/local/bench.sh or chaos.sh");
        }
        return value;
    }
}
