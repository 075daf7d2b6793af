package cn.jinjiang.emergency.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.jinjiang.emergency.k8s.Doc.list;
import static cn.jinjiang.emergency.k8s.Doc.map;
import static cn.jinjiang.emergency.k8s.Doc.resource;

/**
 * What production runs beside the services: each database backed up every night to object storage (and its
 * write-ahead log continuously), and the services' metrics scraped. Development has neither.
 */
final class OperationsManifests {

    /** The object-store credentials a bureau fills (docs/deployment.md). */
    static final String BACKUP_SECRET = "emergency-backup-s3";
    static final String BACKUP_BUCKET = "s3://emergency-backups/";

    private OperationsManifests() {
    }

    /** Production's own resources: a nightly backup per database cluster, the scraping of every service. */
    static List<Map<String, Object>> documents(Topology topology) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Topology.ServiceSpec service : topology.services()) {
            documents.add(resource(DatabaseManifests.API, "ScheduledBackup", service.databaseCluster(), null, map(
                    "schedule", "0 0 2 * * *",
                    "backupOwnerReference", "self",
                    "method", "barmanObjectStore",
                    "cluster", map("name", service.databaseCluster()))));
        }
        documents.add(resource("monitoring.coreos.com/v1", "PodMonitor", "emergency-services", null, map(
                "selector", map("matchLabels", map("app.kubernetes.io/part-of", "emergency")),
                "podMetricsEndpoints", list(map("port", "http", "path", "/q/metrics", "interval", "30s")))));
        return documents;
    }

    /** Where a cluster's backups and write-ahead log go, added to each production cluster. */
    static Map<String, Object> backup(Topology.ServiceSpec service) {
        return map("retentionPolicy", "30d", "barmanObjectStore", map(
                "destinationPath", BACKUP_BUCKET + service.databaseCluster(),
                "s3Credentials", map(
                        "accessKeyId", map("name", BACKUP_SECRET, "key", "ACCESS_KEY_ID"),
                        "secretAccessKey", map("name", BACKUP_SECRET, "key", "ACCESS_SECRET_KEY")),
                "wal", map("compression", "gzip"),
                "data", map("compression", "gzip")));
    }
}
