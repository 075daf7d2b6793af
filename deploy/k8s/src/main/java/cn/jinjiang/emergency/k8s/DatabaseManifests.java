package cn.jinjiang.emergency.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.jinjiang.emergency.k8s.Doc.map;
import static cn.jinjiang.emergency.k8s.Doc.resource;

/**
 * PostgreSQL under the CloudNativePG operator: a cluster per service, its database and owner made at bootstrap, so
 * the operator's {@code <cluster>-app} Secret holds exactly what the service logs in with. The gateway's instances
 * share nothing but the topics: its cluster holds one database per instance, named after the pod, one
 * {@code Database} per ordinal the autoscaler may reach.
 */
final class DatabaseManifests {

    static final String API = "postgresql.cnpg.io/v1";

    private DatabaseManifests() {
    }

    static List<Map<String, Object>> documents(Topology topology, Overlay overlay) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Topology.ServiceSpec service : topology.services()) {
            documents.add(cluster(service, overlay));
            if (service.perInstanceDatabase()) {
                for (int ordinal = 0; ordinal < overlay.maxServiceReplicas(); ordinal++) {
                    documents.add(instanceDatabase(service, ordinal));
                }
            }
        }
        return documents;
    }

    private static Map<String, Object> cluster(Topology.ServiceSpec service, Overlay overlay) {
        return resource(API, "Cluster", service.databaseCluster(), map("app.kubernetes.io/part-of", "emergency"),
                map("instances", overlay.databaseInstances(),
                        "storage", map("size", "10Gi"),
                        "bootstrap", map("initdb", map("database", service.database(), "owner", service.database())),
                        "resources", map("requests", map("cpu", "250m", "memory", "512Mi"),
                                "limits", map("memory", "512Mi")),
                        "backup", overlay.backups() ? OperationsManifests.backup(service) : null));
    }

    /** The database of the gateway instance with this ordinal: named as its pod is ({@code command-gateway-0}). */
    static String instanceDatabaseName(Topology.ServiceSpec service, int ordinal) {
        return service.name() + "-" + ordinal;
    }

    private static Map<String, Object> instanceDatabase(Topology.ServiceSpec service, int ordinal) {
        String name = instanceDatabaseName(service, ordinal);
        return resource(API, "Database", name, map("app.kubernetes.io/part-of", "emergency"),
                map("name", name, "owner", service.database(),
                        "cluster", map("name", service.databaseCluster())));
    }
}
