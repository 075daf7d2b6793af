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

    static Map<String, Object> kustomization(Overlay overlay) {
        Map<String, Object> kustomization = map(
                "apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "namespace", overlay.namespace(),
                "resources", list("../../base"));
        if (overlay != Overlay.DEV) {
            kustomization.put("patches", patches(overlay));
        }
        return kustomization;
    }

    private static List<Object> patches(Overlay overlay) {
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
