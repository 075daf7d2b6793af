package cn.jinjiang.emergency.k8s;

/**
 * What differs between a development cluster and production: how many of everything, and whether the services reach
 * Kafka over TLS. The base is the development shape; the production overlay patches it into the other
 * ({@link OverlayPatches}), and the rendered files are written from these figures directly, so a test can hold
 * kustomize's output to them.
 */
public enum Overlay {

    DEV("dev", "emergency-dev", 1, 1, 1, false),
    PRODUCTION("production", "emergency", 2, 3, 3, true);

    private final String directory;
    private final String namespace;
    /** Instances of each service (the gateway's included). */
    private final int serviceReplicas;
    /** Kafka nodes (each a controller and a broker), and the replicas of each topic. */
    private final int kafkaNodes;
    /** PostgreSQL instances of each CloudNativePG cluster (one primary, the rest streaming replicas). */
    private final int databaseInstances;
    private final boolean tls;

    Overlay(String directory, String namespace, int serviceReplicas, int kafkaNodes, int databaseInstances,
            boolean tls) {
        this.directory = directory;
        this.namespace = namespace;
        this.serviceReplicas = serviceReplicas;
        this.kafkaNodes = kafkaNodes;
        this.databaseInstances = databaseInstances;
        this.tls = tls;
    }

    public String directory() {
        return directory;
    }

    public String namespace() {
        return namespace;
    }

    public int serviceReplicas() {
        return serviceReplicas;
    }

    public int kafkaNodes() {
        return kafkaNodes;
    }

    /** Writes must reach all but one replica, so one node may be down without losing an acknowledged event. */
    public int minInSyncReplicas() {
        return Math.max(1, kafkaNodes - 1);
    }

    public int databaseInstances() {
        return databaseInstances;
    }

    public boolean tls() {
        return tls;
    }

    /** Whether databases are backed up and services scraped ({@link OperationsManifests}): production only. */
    public boolean backups() {
        return this == PRODUCTION;
    }

    /** The most instances an autoscaler may start: one per partition of the topics a service consumes. */
    public int maxServiceReplicas() {
        return Topology.PARTITIONS;
    }
}
