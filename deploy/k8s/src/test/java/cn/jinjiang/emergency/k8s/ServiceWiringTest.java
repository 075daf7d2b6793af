package cn.jinjiang.emergency.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's pods get every variable its configuration reads from the environment, from Secrets the operators
 * make or the bureau fills and from ConfigMaps of the same overlay, and their probes point at the port they serve.
 */
class ServiceWiringTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    /** The Secrets a bureau creates before deploying (docs/deployment.md); every other one an operator makes. */
    private static final Set<String> FILLED_BY_HAND = Set.of(ServiceManifests.JWT_SECRET, ServiceManifests.CAP_SECRET);

    @Test
    void everyVariableTheConfigurationReadsIsSetFromWhatTheOverlayHolds() throws IOException {
        Topology topology = Topology.read(Rendered.repository());
        for (Overlay overlay : Overlay.values()) {
            List<ObjectNode> documents = Rendered.overlay(overlay);
            Set<String> configMapKeys = new HashSet<>();
            Set<String> configMaps = new HashSet<>();
            Rendered.ofKind(documents, "ConfigMap").forEach(map -> {
                configMaps.add(map.at("/metadata/name").asText());
                map.path("data").fieldNames().forEachRemaining(configMapKeys::add);
            });
            Set<String> secrets = new HashSet<>(FILLED_BY_HAND);
            Rendered.ofKind(documents, "KafkaUser").forEach(u -> secrets.add(u.at("/metadata/name").asText()));
            Rendered.ofKind(documents, "Cluster").forEach(c -> secrets.add(c.at("/metadata/name").asText() + "-app"));
            // Strimzi's Cluster Operator makes the certificate authority's public part for every Kafka cluster.
            Rendered.ofKind(documents, "Kafka")
                    .forEach(k -> secrets.add(k.at("/metadata/name").asText() + "-cluster-ca-cert"));

            for (Topology.ServiceSpec service : topology.services()) {
                JsonNode pod = workload(documents, service.name()).at("/spec/template/spec");
                JsonNode container = pod.at("/containers/0");
                Set<String> set = new HashSet<>(configMapKeys);
                for (JsonNode env : container.path("env")) {
                    set.add(env.path("name").asText());
                    JsonNode secret = env.at("/valueFrom/secretKeyRef/name");
                    assertTrue(secret.isMissingNode() || secrets.contains(secret.asText()),
                            overlay + " " + service.name() + ": no Secret " + secret.asText());
                }
                for (JsonNode from : container.path("envFrom")) {
                    assertTrue(configMaps.contains(from.at("/configMapRef/name").asText()), from.toString());
                }
                Set<String> read = variablesRead(service.name());
                assertTrue(set.containsAll(read), overlay + " " + service.name() + " reads " + read + ", gets " + set);
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe);
                    assertTrue(container.at("/" + probe + "/httpGet/path").asText().startsWith("/q/health/"));
                }
                assertEquals("http", container.at("/ports/0/name").asText());
                for (JsonNode volume : pod.path("volumes")) {
                    JsonNode secret = volume.at("/secret/secretName");
                    assertTrue(secret.isMissingNode() || secrets.contains(secret.asText()), volume.toString());
                }
            }
        }
    }

    private static ObjectNode workload(List<ObjectNode> documents, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().matches("Deployment|StatefulSet"))
                .filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    /** The environment variables the service's own and the shared configuration read ({@code ${NAME...}}). */
    private static Set<String> variablesRead(String service) throws IOException {
        Path repository = Rendered.repository();
        Set<String> names = new HashSet<>();
        for (Path file : List.of(repository.resolve("services/" + service + "/src/main/resources/application.properties"),
                repository.resolve("services/shared/src/main/resources/META-INF/microprofile-config.properties"))) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("%") || line.startsWith("#")) {
                    continue; // a profile's (tests, dev) or a comment
                }
                Matcher matcher = VARIABLE.matcher(line);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        assertTrue(names.contains("DB_HOST"), "the configuration's variables were not found: " + names);
        return names;
    }
}
