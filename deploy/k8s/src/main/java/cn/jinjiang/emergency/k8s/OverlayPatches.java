package cn.jinjiang.emergency.k8s;

import java.util.List;
import java.util.Map;

import static cn.jinjiang.emergency.k8s.Doc.list;
import static cn.jinjiang.emergency.k8s.Doc.map;

/**
 * The kustomization of an overlay: the base in the overlay's namespace, and for production the patches that turn the
 * base's figures (development's) into production's. The rendered files are written from the {@link Overlay} figures
 * themselves, and a test holds {@code kubectl kustomize} of each overlay to them: the patches cannot drift.
 */
final class OverlayPatches {

    private OverlayPatches() {
    }

    /** Production's own resources, beside its kustomization. */
    static final String OPERATIONS = "operations.yaml";

    static Map<String, Object> kustomization(Topology topology, Overlay overlay) {
        Map<String, Object> kustomization = map(
                "apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "namespace", overlay.namespace(),
                "resources", overlay.backups() ? list("../../base", OPERATIONS) : list("../../base"));
        if (overlay != Overlay.DEV) {
            kustomization.put("patches", patches(topology, overlay));
        }
        return kustomization;
    }

    private static List<Object> patches(Topology topology, Overlay overlay) {
        List<Object> patches = list(
                replace("apps", "Deployment", "/spec/replicas", overlay.serviceReplicas()),
                replace("apps", "StatefulSet", "/spec/replicas", overlay.serviceReplicas()),
                replace("autoscaling", "HorizontalPodAutoscaler", "/spec/minReplicas", overlay.serviceReplicas()),
                replace("kafka.strimzi.io", "KafkaNodePool", "/spec/replicas", overlay.kafkaNodes()),
                replace("kafka.strimzi.io", "KafkaTopic", "/spec/replicas", overlay.kafkaNodes()),
                replace("postgresql.cnpg.io", "Cluster", "/spec/instances", overlay.databaseInstances()));
        List<Object> kafka = list(op("replace", "/spec/kafka/config", KafkaManifests.kafkaConfig(overlay)));
        if (overlay.tls()) {
            kafka.add(op("add", "/spec/kafka/listeners/-", KafkaManifests.tlsListener()));
        }
        patches.add(patch("kafka.strimzi.io", "Kafka", kafka));
        if (overlay.tls()) {
            // The services on the TLS listener, trusting the cluster's certificate authority.
            patches.add(map("target", map("version", "v1", "kind", "ConfigMap", "name", ServiceManifests.KAFKA_CONFIG),
                    "patch", Manifests.yaml(list(op("replace", "/data", ServiceManifests.kafkaClient(overlay))))));
            for (String kind : List.of("Deployment", "StatefulSet")) {
                patches.add(patch("apps", kind, list(
                        op("add", "/spec/template/spec/containers/0/volumeMounts/-", ServiceManifests.kafkaCaMount()),
                        op("add", "/spec/template/spec/volumes/-", ServiceManifests.kafkaCaVolume()))));
            }
        }
        if (overlay.backups()) {
            for (Topology.ServiceSpec service : topology.services()) {
                patches.add(map("target", map("group", "postgresql.cnpg.io", "kind", "Cluster",
                                "name", service.databaseCluster()),
                        "patch", Manifests.yaml(list(op("add", "/spec/backup", OperationsManifests.backup(service))))));
            }
        }
        return patches;
    }

    private static Map<String, Object> replace(String group, String kind, String path, Object value) {
        return patch(group, kind, list(op("replace", path, value)));
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        return map("op", op, "path", path, "value", value);
    }

    private static Map<String, Object> patch(String group, String kind, List<Object> operations) {
        return map("target", map("group", group, "kind", kind), "patch", Manifests.yaml(operations));
    }
}
