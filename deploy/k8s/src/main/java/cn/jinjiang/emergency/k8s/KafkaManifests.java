package cn.jinjiang.emergency.k8s;

import cn.jinjiang.emergency.kafka.BrokerSetup;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.jinjiang.emergency.k8s.Doc.list;
import static cn.jinjiang.emergency.k8s.Doc.map;
import static cn.jinjiang.emergency.k8s.Doc.resource;

/**
 * Kafka under the Strimzi operator: the cluster in KRaft mode (one node pool whose nodes are controllers and brokers
 * both), one {@code KafkaTopic} per topic and dead-letter topic, and one {@code KafkaUser} per service with
 * SCRAM-SHA-512 and the ACLs {@link BrokerSetup#acls} grants on the local broker, converted, not copied.
 */
final class KafkaManifests {

    static final String API = "kafka.strimzi.io/v1beta2";
    /** The broker the project runs and tests against (deploy/kafka), which Strimzi 0.51 supports. */
    static final String KAFKA_VERSION = "4.1.1";
    static final int PLAIN_PORT = 9092;
    static final int TLS_PORT = 9093;

    private KafkaManifests() {
    }

    static List<Map<String, Object>> documents(Topology topology, Overlay overlay) {
        List<Map<String, Object>> documents = new ArrayList<>();
        documents.add(kafka(overlay));
        documents.add(nodePool(overlay));
        for (BrokerSetup.TopicAccess topic : topology.topics()) {
            documents.add(topic(topic.topic(), Topology.PARTITIONS, overlay));
            documents.add(topic(topic.topic() + ".dlq", Topology.DLQ_PARTITIONS, overlay));
        }
        Map<String, List<Object>> acls = acls(topology);
        acls.forEach((user, entries) -> documents.add(user(user, entries)));
        return documents;
    }

    private static Map<String, Object> clusterLabel() {
        return map("strimzi.io/cluster", Topology.KAFKA_CLUSTER);
    }

    static Map<String, Object> kafka(Overlay overlay) {
        List<Object> listeners = list(map("name", "scram", "port", PLAIN_PORT, "type", "internal", "tls", false,
                "authentication", map("type", "scram-sha-512")));
        if (overlay.tls()) {
            listeners.add(tlsListener());
        }
        Map<String, Object> doc = resource(API, "Kafka", Topology.KAFKA_CLUSTER, null, map(
                "kafka", map(
                        "version", KAFKA_VERSION,
                        "listeners", listeners,
                        "authorization", map("type", "simple"),
                        "config", kafkaConfig(overlay)),
                "entityOperator", map("topicOperator", map(), "userOperator", map())));
        metadata(doc).put("annotations", map("strimzi.io/kraft", "enabled", "strimzi.io/node-pools", "enabled"));
        return doc;
    }

    static Map<String, Object> tlsListener() {
        return map("name", "tls", "port", TLS_PORT, "type", "internal", "tls", true,
                "authentication", map("type", "scram-sha-512"));
    }

    static Map<String, Object> kafkaConfig(Overlay overlay) {
        int replicas = overlay.kafkaNodes();
        return map("auto.create.topics.enable", false,
                "default.replication.factor", replicas,
                "min.insync.replicas", overlay.minInSyncReplicas(),
                "offsets.topic.replication.factor", replicas,
                "transaction.state.log.replication.factor", replicas,
                "transaction.state.log.min.isr", overlay.minInSyncReplicas());
    }

    private static Map<String, Object> nodePool(Overlay overlay) {
        return resource(API, "KafkaNodePool", "dual-role", clusterLabel(), map(
                "replicas", overlay.kafkaNodes(),
                "roles", list("controller", "broker"),
                "storage", map("type", "jbod", "volumes", list(map("id", 0, "type", "persistent-claim",
                        "size", "20Gi", "deleteClaim", false, "kraftMetadata", "shared"))),
                "resources", map("requests", map("cpu", "500m", "memory", "1Gi"), "limits", map("memory", "1Gi")),
                "jvmOptions", map("-Xms", "384m", "-Xmx", "384m")));
    }

    private static Map<String, Object> topic(String name, int partitions, Overlay overlay) {
        return resource(API, "KafkaTopic", name, clusterLabel(), map(
                "topicName", name, "partitions", partitions, "replicas", overlay.kafkaNodes()));
    }

    private static Map<String, Object> user(String name, List<Object> acls) {
        return resource(API, "KafkaUser", name, clusterLabel(), map(
                "authentication", map("type", "scram-sha-512"),
                "authorization", map("type", "simple", "acls", acls)));
    }

    /** Each user's ACLs, from the bindings BrokerSetup grants: one entry per resource, its operations together. */
    static Map<String, List<Object>> acls(Topology topology) {
        Map<String, Map<List<String>, Set<String>>> byUser = new LinkedHashMap<>();
        for (AclBinding binding : BrokerSetup.acls(topology.topics())) {
            String user = binding.entry().principal().substring("User:".length());
            List<String> resource = List.of(binding.pattern().resourceType().name().toLowerCase(),
                    binding.pattern().name(),
                    binding.pattern().patternType() == PatternType.PREFIXED ? "prefix" : "literal");
            byUser.computeIfAbsent(user, u -> new LinkedHashMap<>())
                    .computeIfAbsent(resource, r -> new LinkedHashSet<>())
                    .add(operation(binding.entry().operation().name()));
        }
        Map<String, List<Object>> acls = new LinkedHashMap<>();
        byUser.forEach((user, resources) -> {
            List<Object> entries = new ArrayList<>();
            resources.forEach((resource, operations) -> entries.add(map(
                    "resource", map("type", resource.get(0), "name", resource.get(1),
                            "patternType", resource.get(2)),
                    "operations", new ArrayList<Object>(operations), "host", "*")));
            acls.put(user, entries);
        });
        return acls;
    }

    /** Kafka's READ as Strimzi writes it: Read. */
    private static String operation(String kafka) {
        return kafka.charAt(0) + kafka.substring(1).toLowerCase();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("metadata");
    }
}
