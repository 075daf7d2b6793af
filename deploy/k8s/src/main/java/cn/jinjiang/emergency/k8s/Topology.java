package cn.jinjiang.emergency.k8s;

import cn.jinjiang.emergency.kafka.BrokerSetup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The system as deployed: its services (each with its own database and Kafka user), the topics and who may use them
 * ({@code schemas/topic-access.csv}, read by the same {@link BrokerSetup} that configures the local broker), and the
 * partition counts the local stack uses.
 */
public record Topology(List<ServiceSpec> services, List<BrokerSetup.TopicAccess> topics) {

    /** Partitions per topic, as deploy/local creates them: at most this many consumers of a group share a topic. */
    public static final int PARTITIONS = 3;
    public static final int DLQ_PARTITIONS = 1;
    public static final String KAFKA_CLUSTER = "emergency";
    public static final int HTTP_PORT = 8080;

    /**
     * One service: its name (also its Kafka user and consumer-group prefix), its database, and its heap (the
     * gateway keeps the whole live picture in memory).
     */
    public record ServiceSpec(String name, String database, String heap, boolean perInstanceDatabase) {

        /** The CloudNativePG cluster that holds its database, and whose {@code -app} Secret it logs in with. */
        public String databaseCluster() {
            return name + "-db";
        }
    }

    public static Topology read(Path repository) throws IOException {
        List<ServiceSpec> services = List.of(
                new ServiceSpec("incident-intake", "incident_intake", "256m", false),
                new ServiceSpec("resource-dispatch", "resource_dispatch", "256m", false),
                new ServiceSpec("warning-broadcast", "warning_broadcast", "256m", false),
                new ServiceSpec("material-reserves", "material_reserves", "256m", false),
                // Each gateway instance keeps its own picture in its own database (docs/gateway.md): a StatefulSet
                // whose instance name is the pod's, one database per ordinal.
                new ServiceSpec("command-gateway", "command_gateway", "768m", true));
        return new Topology(services, BrokerSetup.readTable(repository.resolve("schemas/topic-access.csv")));
    }
}
