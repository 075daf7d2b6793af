package cn.jinjiang.emergency.shared.testing;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in its own process, from the jars the deploy/kafka module fetched, configured from
 * the local stack's template: SASL everywhere, ACLs from schemas/topic-access.csv. Tests can stop, kill and restart
 * it; its log directory survives restarts like a real broker's disk.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The broker's own user, a super user: test probes and readers use it, never a service. */
    public static final String ADMIN = "admin";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String adminPassword;
    /** The SASL_SSL listener's port, or 0 when the broker has none. */
    private final int tlsPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort, String adminPassword, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.adminPassword = adminPassword;
        this.tlsPort = tlsPort;
    }

    /** Formats a fresh broker in {@code dir} on free ports; call {@link #start()} next. */
    public static KafkaBroker format(Path dir) {
        return format(dir, false);
    }

    /**
     * Also with a SASL_SSL listener ({@link #tlsBootstrapServers()}), SCRAM over TLS as production's listener on
     * Strimzi: its certificate is self-signed for 127.0.0.1 and is its own certificate authority ({@link #caFile()}).
     */
    public static KafkaBroker formatWithTls(Path dir) {
        return format(dir, true);
    }

    private static KafkaBroker format(Path dir, boolean tls) {
        try {
            Files.createDirectories(dir);
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort(), Uuid.randomUuid().toString(),
                    tls ? freePort() : 0);
            String tlsListener = tls ? broker.tlsListener() : "";
            Files.writeString(dir.resolve("server.properties"), broker.properties() + tlsListener);
            broker.runToEnd(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", dir.resolve("server.properties").toString(), "--standalone",
                    "--add-scram", "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + broker.adminPassword + "]"),
                    dir.resolve("format.log"));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public String tlsBootstrapServers() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this broker has no TLS listener (formatWithTls)");
        }
        return "127.0.0.1:" + tlsPort;
    }

    /** The TLS listener's certificate authority, PEM, as Strimzi's {@code <cluster>-cluster-ca-cert} holds it. */
    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    /**
     * A key pair and self-signed certificate made with the JDK's keytool, and the listener: later keys of a
     * properties file replace earlier ones, so the listener lists are written again with TLS added.
     */
    private String tlsListener() throws IOException {
        Path keystore = dir.resolve("broker.p12");
        String password = Uuid.randomUuid().toString();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path log = dir.resolve("keytool.log");
        awaitEnd(start(List.of(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password), log), "keytool, see " + log);
        awaitEnd(start(List.of(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass", password, "-file", caFile().toString()), log), "keytool, see " + log);
        return """

                # A SASL_SSL listener (KafkaBroker.formatWithTls): SCRAM over TLS, as production's listener.
                listeners=CLIENTS://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d,TLS://127.0.0.1:%3$d
                advertised.listeners=CLIENTS://127.0.0.1:%1$d,TLS://127.0.0.1:%3$d
                listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,TLS:SASL_SSL
                listener.name.tls.sasl.enabled.mechanisms=SCRAM-SHA-512
                listener.name.tls.scram-sha-512.sasl.jaas.config=\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.tls.ssl.keystore.type=PKCS12
                listener.name.tls.ssl.keystore.location=%4$s
                listener.name.tls.ssl.keystore.password=%5$s
                listener.name.tls.ssl.key.password=%5$s
                """.formatted(port, controllerPort, tlsPort, keystore, password);
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        process = run(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), dir.resolve("broker.log"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!accepting()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka broker did not start, see " + dir.resolve("broker.log"));
            }
            sleep(100);
        }
        return this;
    }

    /** Hard stop, as a crash or a power cut would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
                waitFor(process);
            }
        }
    }

    /**
     * Brings the broker in line with schemas/topic-access.csv (topics, a SCRAM user per service, their ACLs) with the
     * same tool and table as deploy/local/up.sh.
     */
    public void createProjectTopics() {
        Path adminConfig = dir.resolve("admin.properties");
        try {
            Properties properties = new Properties();
            clientProperties(ADMIN, adminPassword).forEach((k, v) -> properties.setProperty(k, v.toString()));
            try (Writer out = Files.newBufferedWriter(adminConfig)) {
                properties.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runToEnd(List.of("cn.jinjiang.emergency.kafka.BrokerSetup", "--bootstrap", bootstrapServers(),
                "--admin-config", adminConfig.toString(),
                "--access", RepositoryRoot.get().resolve("schemas/topic-access.csv").toString(),
                "--credentials", credentials().toString()), dir.resolve("setup.log"));
    }

    /** Client settings for the broker's admin (a super user): bootstrap address and SASL login. */
    public Map<String, Object> adminClient() {
        return clientProperties(ADMIN, adminPassword);
    }

    /** Client settings for a service's own user, which the ACLs bind to what the table grants it. */
    public Map<String, Object> serviceClient(String service) {
        return clientProperties(service, password(service));
    }

    /** The SCRAM password BrokerSetup generated for a service; available after {@link #createProjectTopics()}. */
    public String password(String service) {
        Path file = credentials().resolve(service + ".password");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka user for " + service + " (not in schemas/topic-access.csv?)", e);
        }
    }

    private Map<String, Object> clientProperties(String user, String password) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + user + "\" password=\"" + password + "\";");
    }

    private Path credentials() {
        return dir.resolve("credentials");
    }

    /**
     * Where the tools of deploy/local find this broker's logins: the admin's client settings (written by
     * {@link #createProjectTopics()}) and the folder of the services' passwords.
     */
    public Path adminConfig() {
        return dir.resolve("admin.properties");
    }

    public Path credentialsDir() {
        return credentials();
    }

    /** The local stack's own broker configuration, with this broker's folder, ports and admin password. */
    private String properties() throws IOException {
        return Files.readString(RepositoryRoot.get().resolve("deploy/local/kafka/server.properties.template"))
                .replace("@KAFKA_DATA_DIR@", dir.resolve("data").toString())
                .replace("@KAFKA_PORT@", Integer.toString(port))
                .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                .replace("@ADMIN_PASSWORD@", adminPassword);
    }

    /** Runs a tool from the broker's classpath and fails, pointing at its log, unless it ends well within a minute. */
    private void runToEnd(List<String> mainAndArgs, Path log) {
        awaitEnd(run(mainAndArgs, log), mainAndArgs.get(0) + ", see " + log);
    }

    /** Fails, naming {@code what}, unless the process ends well within a minute. */
    private static void awaitEnd(Process process, String what) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + ": did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + ": failed (exit " + process.exitValue() + ")");
        }
    }

    /** A command of its own (the JDK's keytool), its output appended to {@code log}. */
    private static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process run(List<String> mainAndArgs, Path log) {
        Path libs = RepositoryRoot.get().resolve("deploy/kafka/target/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: build the deploy/kafka module first "
                    + "(./mvnw -pl deploy/kafka generate-resources)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", libs + "/*"));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
