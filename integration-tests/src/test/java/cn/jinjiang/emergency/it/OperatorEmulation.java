package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Does on the real local broker and PostgreSQL what the Strimzi and CloudNativePG operators do with deploy/k8s's
 * manifests, from the manifests alone: each {@code KafkaTopic} created, each {@code KafkaUser} given a SCRAM password
 * and its ACLs (nothing from BrokerSetup or topic-access.csv), each {@code Cluster}'s owner role and database made,
 * and the Secrets the operators would write kept, so a service can be started with its Deployment's environment.
 */
final class OperatorEmulation {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> documents;
    /** The Secrets the operators would have written, by name and key. */
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private final String databaseSuffix;

    private OperatorEmulation(List<JsonNode> documents, String databaseSuffix) {
        this.documents = documents;
        this.databaseSuffix = databaseSuffix;
    }

    static OperatorEmulation of(String overlay, String databaseSuffix) throws IOException {
        Path file = RepositoryRoot.get().resolve("deploy/k8s/rendered/" + overlay + ".yaml");
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (values.hasNext()) {
                JsonNode document = (JsonNode) values.next();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        }
        return new OperatorEmulation(documents, databaseSuffix);
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** The Topic and User Operators: topics, then each user's SCRAM credential and ACLs. */
    void applyKafka(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.adminClient())) {
            // One broker holds one replica of each partition; production's three brokers would hold three.
            List<NewTopic> topics = ofKind("KafkaTopic").stream().map(topic -> new NewTopic(
                    topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asInt(),
                    (short) Math.min(1, topic.at("/spec/replicas").asInt()))).toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (JsonNode user : ofKind("KafkaUser")) {
                String name = user.at("/metadata/name").asText();
                String password = UUID.randomUUID().toString().replace("-", "");
                secrets.put(name, Map.of("password", password));
                credentials.add(new UserScramCredentialUpsertion(name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password));
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    ResourcePattern resource = new ResourcePattern(
                            ResourceType.fromString(acl.at("/resource/type").asText()), acl.at("/resource/name").asText(),
                            "prefix".equals(acl.at("/resource/patternType").asText())
                                    ? PatternType.PREFIXED : PatternType.LITERAL);
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(resource, new AccessControlEntry("User:" + name,
                                acl.path("host").asText("*"), AclOperation.fromString(operation.asText()),
                                AclPermissionType.ALLOW)));
                    }
                }
            }
            admin.alterUserScramCredentials(credentials).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The CloudNativePG operator: per {@code Cluster}, its owner role and database (here on the one local server,
     * with this run's suffix on the database's name), and its {@code -app} Secret.
     */
    void applyDatabases() {
        for (JsonNode cluster : ofKind("Cluster")) {
            String owner = cluster.at("/spec/bootstrap/initdb/owner").asText();
            String database = database(cluster.at("/spec/bootstrap/initdb/database").asText());
            String password = UUID.randomUUID().toString().replace("-", "");
            PostgresDatabase.recreateOwned(database, owner, password);
            secrets.put(cluster.at("/metadata/name").asText() + "-app", Map.of("host", PostgresDatabase.HOST,
                    "port", String.valueOf(PostgresDatabase.PORT), "username", owner, "password", password,
                    "dbname", database));
        }
        for (JsonNode database : ofKind("Database")) {
            String name = database(database.at("/spec/name").asText().replace('-', '_'));
            String owner = database.at("/spec/owner").asText();
            String clusterApp = database.at("/spec/cluster/name").asText() + "-app";
            PostgresDatabase.recreateOwned(name, owner, secrets.get(clusterApp).get("password"));
        }
    }

    /** A database's name on the shared local server: the manifest's, with this run's suffix. */
    String database(String name) {
        return name + databaseSuffix;
    }

    /**
     * The environment a service's pods get from its workload in the manifests: plain values (with {@code $(VAR)}
     * references), the operators' Secrets, and the ConfigMaps it draws on.
     */
    Map<String, String> environment(String service) {
        JsonNode container = documents.stream()
                .filter(d -> d.path("kind").asText().matches("Deployment|StatefulSet"))
                .filter(d -> service.equals(d.at("/metadata/name").asText())).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");
        Map<String, String> environment = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.at("/configMapRef/name").asText();
            ofKind("ConfigMap").stream().filter(map -> name.equals(map.at("/metadata/name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name))
                    .path("data").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                Map<String, String> values = secrets.get(secret.path("name").asText());
                if (values != null) {
                    environment.put(name, values.get(secret.path("key").asText()));
                }
            } else if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            }
        }
        return environment;
    }
}
