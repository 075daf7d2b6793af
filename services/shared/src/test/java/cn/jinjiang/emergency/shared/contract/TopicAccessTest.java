package cn.jinjiang.emergency.shared.contract;

import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker, configured as the local stack's, lets each service write only its own topics and read only what it
 * consumes, as schemas/topic-access.csv says; nobody gets in without logging in.
 */
class TopicAccessTest {

    private static final String INTAKE = "incident-intake";
    private static final String DISPATCH = "resource-dispatch";
    private static final String GATEWAY = "command-gateway";

    private static KafkaBroker broker() {
        return RealInfrastructure.broker();
    }

    @Test
    void theTableNamesEveryTopicWithOneWriterAndTheConsumersTheServicesConfigure() {
        assertEquals(List.of(Topics.INCIDENT_EVENTS, Topics.DISPATCH_EVENTS, Topics.WARNING_EVENTS,
                Topics.RESERVE_EVENTS, Topics.BROADCAST_CAP, Topics.BROADCAST_ACKS), Topics.ALL);
        // The broadcast platform is outside the system but logs in like a service: it reads CAP, writes acks.
        assertEquals("/warning-broadcast", Topics.owner(Topics.BROADCAST_CAP));
        assertEquals(List.of("broadcast-platform"), Topics.access(Topics.BROADCAST_CAP).readers());
        assertEquals("/broadcast-platform", Topics.owner(Topics.BROADCAST_ACKS));
        assertEquals("/incident-intake", Topics.owner(Topics.INCIDENT_EVENTS));
        assertEquals("/material-reserves", Topics.owner(Topics.RESERVE_EVENTS));
        assertEquals(Set.of(DISPATCH, "warning-broadcast", "material-reserves", GATEWAY),
                Set.copyOf(Topics.access(Topics.INCIDENT_EVENTS).readers()));
        // The operators' view shows every dead-letter topic's depth, the broadcast platform's acks' included.
        for (String topic : Topics.ALL) {
            assertEquals(List.of(GATEWAY), Topics.access(topic).dlqWatchers(), topic);
        }
        assertThrows(IllegalArgumentException.class, () -> Topics.owner("incident-events-typo"));
    }

    @Test
    void theOwnerWritesItsTopicAndAnotherServiceIsRefused() throws Exception {
        RecordMetadata written = send(broker().serviceClient(INTAKE), Topics.INCIDENT_EVENTS);
        assertEquals(Topics.INCIDENT_EVENTS, written.topic());

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> send(broker().serviceClient(DISPATCH), Topics.INCIDENT_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        refused = assertThrows(ExecutionException.class,
                () -> send(broker().serviceClient(GATEWAY), Topics.DISPATCH_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }

    @Test
    void onlyAConsumerOfATopicWritesItsDeadLetterTopic() throws Exception {
        assertEquals(Topics.deadLetter(Topics.INCIDENT_EVENTS),
                send(broker().serviceClient(DISPATCH), Topics.deadLetter(Topics.INCIDENT_EVENTS)).topic());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> send(broker().serviceClient(INTAKE), Topics.deadLetter(Topics.INCIDENT_EVENTS)));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }

    @Test
    void aConsumerReadsWhatItConsumesInItsOwnGroupsOnly() throws Exception {
        RecordMetadata written = send(broker().serviceClient(INTAKE), Topics.INCIDENT_EVENTS);
        try (KafkaConsumer<String, String> reader = consumer(broker().serviceClient(DISPATCH),
                DISPATCH + "-probe-" + UUID.randomUUID())) {
            reader.subscribe(List.of(Topics.INCIDENT_EVENTS));
            boolean seen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seen && System.nanoTime() < deadline) {
                for (var record : reader.poll(Duration.ofMillis(500))) {
                    seen |= record.partition() == written.partition() && record.offset() == written.offset();
                }
            }
            assertTrue(seen, "resource-dispatch did not read the record incident-intake wrote");
        }
        try (KafkaConsumer<String, String> reader = consumer(broker().serviceClient(DISPATCH), GATEWAY)) {
            reader.subscribe(List.of(Topics.INCIDENT_EVENTS));
            assertThrows(GroupAuthorizationException.class, () -> reader.poll(Duration.ofSeconds(10)));
        }
        try (KafkaConsumer<String, String> reader = consumer(broker().serviceClient(GATEWAY), GATEWAY + "-probe")) {
            reader.subscribe(List.of(Topics.BROADCAST_ACKS));
            assertThrows(TopicAuthorizationException.class, () -> reader.poll(Duration.ofSeconds(10)));
        }
    }

    @Test
    void setupTakesBackAGrantTheTableDoesNotMake() throws Exception {
        AclBinding stray = new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, Topics.DISPATCH_EVENTS, PatternType.LITERAL),
                new AccessControlEntry("User:" + GATEWAY, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(broker().adminClient())) {
            admin.createAcls(List.of(stray)).all().get(30, TimeUnit.SECONDS);
            send(broker().serviceClient(GATEWAY), Topics.DISPATCH_EVENTS);

            broker().createProjectTopics();

            assertTrue(admin.describeAcls(stray.toFilter()).values().get(30, TimeUnit.SECONDS).isEmpty());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(broker().serviceClient(GATEWAY), Topics.DISPATCH_EVENTS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @Test
    void aWrongPasswordOrNoLoginGetsNothing() {
        Map<String, Object> wrongPassword = new HashMap<>(broker().serviceClient(INTAKE));
        wrongPassword.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"" + INTAKE + "\" password=\"guessed\";");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> send(wrongPassword, Topics.INCIDENT_EVENTS));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause());

        // A client without SASL is cut off during its handshake and never gets metadata.
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker().bootstrapServers());
        refused = assertThrows(ExecutionException.class, () -> send(anonymous, Topics.INCIDENT_EVENTS));
        assertInstanceOf(TimeoutException.class, refused.getCause());
    }

    private static RecordMetadata send(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            String key = UUID.randomUUID().toString();
            try {
                return producer.send(new ProducerRecord<>(topic, key, "{\"probe\":true}")).get(15, TimeUnit.SECONDS);
            } catch (org.apache.kafka.common.KafkaException e) {
                // send() throws some refusals (metadata not available in time) instead of failing its future.
                throw new ExecutionException(e);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
