package cn.jinjiang.emergency.k8s;

import cn.jinjiang.emergency.kafka.BrokerSetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster's Kafka grants what the local broker grants ({@code topic-access.csv} through BrokerSetup), holds every
 * topic, and has partitions enough for the instances that may consume them.
 */
class KafkaAccessTest {

    @Test
    void everyKafkaUsersAclsAreTheTablesAndNothingElse() throws IOException {
        Topology topology = Topology.read(Rendered.repository());
        Set<String> expected = new HashSet<>();
        for (AclBinding binding : BrokerSetup.acls(topology.topics())) {
            expected.add(String.join(" ", binding.entry().principal().substring("User:".length()),
                    binding.pattern().resourceType().name(), binding.pattern().name(),
                    binding.pattern().patternType().name(), binding.entry().operation().name()));
        }
        for (Overlay overlay : Overlay.values()) {
            Set<String> granted = new HashSet<>();
            for (ObjectNode user : Rendered.ofKind(Rendered.overlay(overlay), "KafkaUser")) {
                assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText());
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    for (JsonNode operation : acl.path("operations")) {
                        granted.add(String.join(" ", user.at("/metadata/name").asText(),
                                acl.at("/resource/type").asText().toUpperCase(), acl.at("/resource/name").asText(),
                                acl.at("/resource/patternType").asText().equals("prefix") ? "PREFIXED" : "LITERAL",
                                operation.asText().toUpperCase()));
                    }
                }
            }
            assertEquals(expected, granted, overlay + ": KafkaUser ACLs against topic-access.csv");
        }
    }

    @Test
    void everyTopicAndDeadLetterTopicIsThereWithPartitionsForItsConsumers() throws IOException {
        Topology topology = Topology.read(Rendered.repository());
        for (Overlay overlay : Overlay.values()) {
            List<ObjectNode> documents = Rendered.overlay(overlay);
            Map<String, Integer> partitions = Rendered.ofKind(documents, "KafkaTopic").stream().collect(
                    Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t.at("/spec/partitions").asInt()));
            Map<String, Integer> mostInstances = Rendered.ofKind(documents, "HorizontalPodAutoscaler").stream()
                    .collect(Collectors.toMap(h -> h.at("/metadata/name").asText(),
                            h -> h.at("/spec/maxReplicas").asInt()));
            for (BrokerSetup.TopicAccess topic : topology.topics()) {
                assertTrue(partitions.containsKey(topic.topic()), overlay + ": no KafkaTopic " + topic.topic());
                assertTrue(partitions.containsKey(topic.topic() + ".dlq"), overlay + ": no dead-letter topic");
                for (String reader : topic.readers()) {
                    int instances = mostInstances.getOrDefault(reader, 1);
                    assertTrue(partitions.get(topic.topic()) >= instances, overlay + ": " + topic.topic() + " has "
                            + partitions.get(topic.topic()) + " partitions for up to " + instances + " " + reader);
                }
            }
            for (ObjectNode topic : Rendered.ofKind(documents, "KafkaTopic")) {
                assertEquals(overlay.kafkaNodes(), topic.at("/spec/replicas").asInt(), topic.toString());
            }
        }
    }
}
