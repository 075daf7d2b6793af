package cn.jinjiang.emergency.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Work still in flight between intake and the consumers: outbox rows not yet published, plus every active consumer
 * group's lag. Each measured stage starts from zero, so one stage's backlog is not billed to the next.
 */
final class Backlog implements AutoCloseable {

    private static final Set<GroupState> GONE = Set.of(GroupState.EMPTY, GroupState.DEAD);

    private final Stack stack;
    private final Admin admin;

    Backlog(Stack stack) {
        this.stack = stack;
        Properties properties = new Properties();
        properties.putAll(stack.kafkaClient());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-backlog");
        this.admin = Admin.create(properties);
    }

    /** The services that publish through an outbox, by database. */
    private static final List<String> PUBLISHERS = List.of("incident_intake", "resource_dispatch",
            "warning_broadcast", "material_reserves");

    /** Events committed but not yet published, over every service that publishes. */
    long outboxPending() throws Exception {
        long pending = 0;
        for (String database : PUBLISHERS) {
            try (Connection db = stack.database(database); Statement query = db.createStatement();
                 ResultSet row = query.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                row.next();
                pending += row.getLong(1);
            }
        }
        return pending;
    }

    /**
     * Records the active consumer groups have not committed yet (commits trail processing by a few seconds), and those
     * the gateway's picture has not taken in.
     */
    long consumerLag() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(15, TimeUnit.SECONDS)) {
            if (group.groupState().map(GONE::contains).orElse(false)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.merge(partition, offset.offset(), Math::min);
                }
            });
        }
        // The gateway keeps its place in its own database, with its picture, and commits nothing to Kafka.
        try (Connection db = stack.database("command_gateway"); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT partition_key, next_offset FROM picture_partition")) {
            while (rows.next()) {
                String key = rows.getString(1);
                int slash = key.lastIndexOf('/');
                committed.merge(new TopicPartition(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1))),
                        rows.getLong(2), Math::min);
            }
        }
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
        long lag = 0;
        for (var entry : committed.entrySet()) {
            lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue());
        }
        return lag;
    }

    /** Records in the dead-letter topics (*.dlq) so far; a run compares before and after. */
    long deadLetters() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : admin.listTopics().names().get(15, TimeUnit.SECONDS)) {
            if (topic.endsWith(".dlq")) {
                admin.describeTopics(Set.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
        }
        if (latest.isEmpty()) {
            return 0;
        }
        return admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /**
     * Each dead-letter topic's records not replayed yet: past the offset {@code deploy/local/dlq.sh replay} committed
     * in the group {@code dlq-replay-<topic>}, or past the oldest record kept.
     */
    Map<String, Long> deadLettersWaiting() throws Exception {
        Map<String, Long> waiting = new java.util.TreeMap<>();
        for (String topic : admin.listTopics().names().get(15, TimeUnit.SECONDS)) {
            if (!topic.endsWith(".dlq")) {
                continue;
            }
            TopicPartition dlq = new TopicPartition(topic, 0);
            long end = admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).all().get(15, TimeUnit.SECONDS)
                    .get(dlq).offset();
            long start = admin.listOffsets(Map.of(dlq, OffsetSpec.earliest())).all().get(15, TimeUnit.SECONDS)
                    .get(dlq).offset();
            String group = "dlq-replay-" + topic.substring(0, topic.length() - ".dlq".length());
            OffsetAndMetadata replayed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS).get(dlq);
            waiting.put(topic, Math.max(0, end - Math.max(start, replayed == null ? 0 : replayed.offset())));
        }
        return waiting;
    }

    /** Waits until nothing is in flight; returns how long that took, or null if it was still busy at the timeout. */
    Duration awaitDrained(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastSaid = 0;
        while (true) {
            long outbox;
            long lag;
            try {
                outbox = outboxPending();
                lag = consumerLag();
            } catch (Exception e) {
                outbox = -1;
                lag = -1;
                Progress.say("backlog: cannot measure yet (%s)", e.getMessage());
            }
            if (outbox == 0 && lag == 0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                Progress.say("backlog: still %d outbox rows and %d records of consumer lag after %d s; going on",
                        outbox, lag, timeout.toSeconds());
                return null;
            }
            if (now - lastSaid > 10_000_000_000L) {
                Progress.say("backlog: waiting for %d outbox rows and %d records of consumer lag to drain",
                        outbox, lag);
                lastSaid = now;
            }
            Pause.millis(1000);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
