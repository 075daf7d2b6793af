package cn.jinjiang.emergency.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.jinjiang.emergency.k8s.Doc.list;
import static cn.jinjiang.emergency.k8s.Doc.map;
import static cn.jinjiang.emergency.k8s.Doc.resource;

/**
 * Each service as Kubernetes runs it: its pods (the JVM flags and heap it runs with locally, deploy/local/up.sh),
 * probes on its health endpoints, its configuration from the Secrets the operators make (its database's
 * {@code -app} Secret, its {@code KafkaUser}'s) and from the Secrets a bureau fills (the token key, the signing key),
 * a Service, a disruption budget and an autoscaler bounded by the partitions it consumes.
 */
final class ServiceManifests {

    static final String KAFKA_CONFIG = "emergency-kafka";
    static final String JWT_SECRET = "emergency-jwt";
    static final String CAP_SECRET = "warning-broadcast-cap-signing";
    /** Made by Strimzi's Cluster Operator: the certificate authority that signed the brokers' TLS certificates. */
    static final String KAFKA_CA_SECRET = Topology.KAFKA_CLUSTER + "-cluster-ca-cert";
    static final String KAFKA_CA_DIR = "/etc/emergency/kafka-ca";
    static final String IMAGE_PREFIX = "emergency/";
    static final String IMAGE_TAG = "1.0.0-SNAPSHOT";

    private ServiceManifests() {
    }

    static List<Map<String, Object>> documents(Topology topology, Overlay overlay) {
        List<Map<String, Object>> documents = new ArrayList<>();
        documents.add(map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", KAFKA_CONFIG),
                "data", kafkaClient(overlay)));
        for (Topology.ServiceSpec service : topology.services()) {
            documents.add(workload(service, overlay));
            documents.add(service(service));
            documents.add(resource("policy/v1", "PodDisruptionBudget", service.name(), labels(service),
                    map("maxUnavailable", 1, "selector", map("matchLabels", selector(service)))));
            documents.add(autoscaler(service, overlay));
            documents.add(networkPolicy(service));
        }
        return documents;
    }

    /**
     * Its pods take requests on their HTTP port only, and reach out only to the Kafka brokers, their own database
     * cluster and the cluster's DNS: services talk to each other only over Kafka.
     */
    private static Map<String, Object> networkPolicy(Topology.ServiceSpec service) {
        Map<String, Object> brokers = map("podSelector", map("matchLabels",
                map("strimzi.io/cluster", Topology.KAFKA_CLUSTER, "strimzi.io/kind", "Kafka")));
        Map<String, Object> database = map("podSelector", map("matchLabels",
                map("cnpg.io/cluster", service.databaseCluster())));
        Map<String, Object> dns = map("namespaceSelector", map(),
                "podSelector", map("matchLabels", map("k8s-app", "kube-dns")));
        return resource("networking.k8s.io/v1", "NetworkPolicy", service.name(), labels(service), map(
                "podSelector", map("matchLabels", selector(service)),
                "policyTypes", list("Ingress", "Egress"),
                "ingress", list(map("ports", list(port("TCP", "http")))),
                "egress", list(
                        map("to", list(brokers),
                                "ports", list(port("TCP", KafkaManifests.PLAIN_PORT), port("TCP", KafkaManifests.TLS_PORT))),
                        map("to", list(database), "ports", list(port("TCP", 5432))),
                        map("to", list(dns), "ports", list(port("UDP", 53), port("TCP", 53))))));
    }

    private static Map<String, Object> port(String protocol, Object port) {
        return map("protocol", protocol, "port", port);
    }

    static Map<String, Object> labels(Topology.ServiceSpec service) {
        return map("app.kubernetes.io/name", service.name(), "app.kubernetes.io/part-of", "emergency");
    }

    private static Map<String, Object> selector(Topology.ServiceSpec service) {
        return map("app.kubernetes.io/name", service.name());
    }

    private static Map<String, Object> workload(Topology.ServiceSpec service, Overlay overlay) {
        Map<String, Object> spec = map(
                "replicas", overlay.serviceReplicas(),
                "serviceName", service.perInstanceDatabase() ? service.name() : null,
                "selector", map("matchLabels", selector(service)),
                "template", map("metadata", map("labels", labels(service)), "spec", podSpec(service, overlay)));
        return resource("apps/v1", service.perInstanceDatabase() ? "StatefulSet" : "Deployment", service.name(),
                labels(service), spec);
    }

    /**
     * How the services reach Kafka (services/shared's configuration reads these): SCRAM in the clear inside the
     * cluster, or over the TLS listener, checking the brokers against Strimzi's cluster certificate authority.
     */
    static Map<String, Object> kafkaClient(Overlay overlay) {
        if (!overlay.tls()) {
            // No certificate authority: nothing is checked in the clear.
            return map("KAFKA_BOOTSTRAP_SERVERS", bootstrap(KafkaManifests.PLAIN_PORT),
                    "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_CA_FILE", "");
        }
        return map("KAFKA_BOOTSTRAP_SERVERS", bootstrap(KafkaManifests.TLS_PORT),
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_CA_FILE", KAFKA_CA_DIR + "/ca.crt");
    }

    private static String bootstrap(int port) {
        return Topology.KAFKA_CLUSTER + "-kafka-bootstrap:" + port;
    }

    static Map<String, Object> kafkaCaMount() {
        return map("name", "kafka-ca", "mountPath", KAFKA_CA_DIR, "readOnly", true);
    }

    static Map<String, Object> kafkaCaVolume() {
        return map("name", "kafka-ca", "secret", map("secretName", KAFKA_CA_SECRET));
    }

    private static Map<String, Object> podSpec(Topology.ServiceSpec service, Overlay overlay) {
        List<Object> mounts = list(map("name", "jwt", "mountPath", "/etc/emergency/jwt", "readOnly", true));
        List<Object> volumes = list(map("name", "jwt", "secret", map("secretName", JWT_SECRET)));
        if (service.name().equals("warning-broadcast")) {
            mounts.add(map("name", "cap-signing", "mountPath", "/etc/emergency/cap", "readOnly", true));
            volumes.add(map("name", "cap-signing", "secret", map("secretName", CAP_SECRET)));
        }
        if (overlay.tls()) {
            mounts.add(kafkaCaMount());
            volumes.add(kafkaCaVolume());
        }
        Map<String, Object> container = map(
                "name", service.name(),
                "image", IMAGE_PREFIX + service.name() + ":" + IMAGE_TAG,
                "ports", list(map("name", "http", "containerPort", Topology.HTTP_PORT)),
                "envFrom", list(map("configMapRef", map("name", KAFKA_CONFIG))),
                "env", env(service),
                "resources", map("requests", map("cpu", "250m", "memory", memory(service)),
                        "limits", map("memory", memory(service))),
                "startupProbe", probe("/q/health/started", 60),
                "readinessProbe", probe("/q/health/ready", 3),
                "livenessProbe", probe("/q/health/live", 3),
                "volumeMounts", mounts,
                // Before the stop: the pod leaves its Service's endpoints first, so the screens the gateway then
                // closes (ScreenDrain) reconnect to an instance that stays, not to this one.
                "lifecycle", service.perInstanceDatabase()
                        ? map("preStop", map("sleep", map("seconds", 5))) : null);
        return map("containers", list(container), "volumes", volumes,
                "terminationGracePeriodSeconds", 30);
    }

    /** Every variable the service's configuration reads from the environment (services/*, application.properties). */
    static List<Object> env(Topology.ServiceSpec service) {
        String app = service.databaseCluster() + "-app";
        List<Object> env = list(
                secret("DB_HOST", app, "host"), secret("DB_PORT", app, "port"),
                secret("DB_USER", app, "username"), secret("DB_PASSWORD", app, "password"),
                // Strimzi's User Operator writes each KafkaUser's password into a Secret named after the user.
                secret("KAFKA_PASSWORD", service.name(), "password"),
                value("JWT_PUBLIC_KEY", "/etc/emergency/jwt/public.pem"),
                value("QUARKUS_HTTP_PORT", String.valueOf(Topology.HTTP_PORT)),
                value("JAVA_TOOL_OPTIONS", "-Xmx" + service.heap() + " " + sizing(service)
                        + " -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"),
                value("MALLOC_ARENA_MAX", "2"));
        if (service.perInstanceDatabase()) {
            env.add(map("name", "GATEWAY_INSTANCE", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))));
            // The pod's own database (DatabaseManifests): command-gateway-0, -1, …
            env.add(value("EMERGENCY_SERVICE_DATABASE", "$(GATEWAY_INSTANCE)"));
        }
        if (service.name().equals("warning-broadcast")) {
            env.add(value("EMERGENCY_WARNING_CAP_PRIVATE_KEY", "/etc/emergency/cap/private.pem"));
        }
        return env;
    }

    /**
     * As deploy/local/up.sh starts them: a small first heap with a young generation of fixed size, and what a
     * collection frees beyond 30 % given back, so a pod's memory follows what it holds (docs/performance.md).
     */
    private static String sizing(Topology.ServiceSpec service) {
        String young = service.heap().equals("768m") ? "-Xms128m -Xmn96m" : "-Xms96m -Xmn48m";
        return young + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";
    }

    private static String memory(Topology.ServiceSpec service) {
        // The heap plus what a Quarkus JVM holds beside it here (metaspace, code cache, threads, buffers): ~200 MiB.
        return service.heap().equals("768m") ? "1024Mi" : "512Mi";
    }

    private static Map<String, Object> secret(String name, String secret, String key) {
        return map("name", name, "valueFrom", map("secretKeyRef", map("name", secret, "key", key)));
    }

    private static Map<String, Object> value(String name, String value) {
        return map("name", name, "value", value);
    }

    private static Map<String, Object> probe(String path, int failures) {
        return map("httpGet", map("path", path, "port", "http"), "periodSeconds", 5, "failureThreshold", failures);
    }

    private static Map<String, Object> service(Topology.ServiceSpec service) {
        return map("apiVersion", "v1", "kind", "Service",
                "metadata", map("name", service.name(), "labels", labels(service)),
                "spec", map("selector", selector(service),
                        "ports", list(map("name", "http", "port", Topology.HTTP_PORT, "targetPort", "http"))));
    }

    private static Map<String, Object> autoscaler(Topology.ServiceSpec service, Overlay overlay) {
        return resource("autoscaling/v2", "HorizontalPodAutoscaler", service.name(), labels(service), map(
                "scaleTargetRef", map("apiVersion", "apps/v1",
                        "kind", service.perInstanceDatabase() ? "StatefulSet" : "Deployment", "name", service.name()),
                "minReplicas", overlay.serviceReplicas(),
                // More consumers than a topic has partitions would sit idle; the gateway has a database per ordinal
                // up to the same bound.
                "maxReplicas", overlay.maxServiceReplicas(),
                "metrics", list(map("type", "Resource", "resource", map("name", "cpu",
                        "target", map("type", "Utilization", "averageUtilization", 70))))));
    }
}
