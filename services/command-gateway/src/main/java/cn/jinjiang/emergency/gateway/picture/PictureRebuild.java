package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Builds the picture again from the topics alone: every partition from its first record up to a position, into an
 * empty picture, with the same projector and the same rules for what is skipped as the live consumer (poison
 * records, an event id seen before, events of incidents that expired). Blocking: runs on a worker thread.
 */
@ApplicationScoped
public class PictureRebuild {

    static final List<String> TOPICS = List.of(Topics.INCIDENT_EVENTS, Topics.DISPATCH_EVENTS, Topics.WARNING_EVENTS,
            Topics.RESERVE_EVENTS);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Object> kafka;
    private final EventCodec codec;
    private final Picture picture;
    private final Projection projection;

    public PictureRebuild(@Identifier("default-kafka-broker") Map<String, Object> kafka, EventCodec codec,
                          Picture picture, Projection projection) {
        this.kafka = kafka;
        this.codec = codec;
        this.picture = picture;
        this.projection = projection;
    }

    /** A picture rebuilt up to a position: its items and how many changes it took. */
    public record Rebuilt(Map<String, PictureItem> items, Position position, long changes) {
    }

    /** How a rebuilt picture compares with the live one at the same position. */
    public record Comparison(Position position, int items, long changes, List<String> differing) {
    }

    public Rebuilt replayUpTo(Position upTo) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        Map<String, PictureItem> items = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        long changes = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            List<TopicPartition> wanted = partitions.stream()
                    .filter(p -> upTo.next(p.topic() + "/" + p.partition()) > 0).toList();
            consumer.assign(wanted);
            consumer.seekToBeginning(wanted);
            Set<TopicPartition> open = new HashSet<>(wanted);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!open.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the topics could not be read to " + upTo + " in " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    long end = upTo.next(record.topic() + "/" + record.partition());
                    if (record.offset() >= end) {
                        open.remove(partition);
                        consumer.pause(List.of(partition));
                        continue;
                    }
                    if (applies(record, seen, items)) {
                        changes++;
                    }
                    if (record.offset() + 1 >= end) {
                        open.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                for (TopicPartition partition : new ArrayList<>(open)) {
                    // Records at the end may have been compacted or deleted: the partition is done when read past.
                    if (consumer.position(partition) >= upTo.next(partition.topic() + "/" + partition.partition())) {
                        open.remove(partition);
                    }
                }
            }
        }
        return new Rebuilt(items, upTo, changes);
    }

    /**
     * Compares a rebuilt picture with the live one's items at the same position, body by body. (The attributes a
     * linked item is filtered by, its incident's area and grade, are taken when it last changed and may legitimately
     * differ with the order the topics were interleaved in.)
     */
    public static Comparison compare(Rebuilt rebuilt, Map<String, PictureItem> live) {
        Set<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(rebuilt.items().keySet());
        List<String> differing = keys.stream().filter(key -> {
            PictureItem a = live.get(key);
            PictureItem b = rebuilt.items().get(key);
            return a == null || b == null || !a.body().equals(b.body());
        }).toList();
        return new Comparison(rebuilt.position(), rebuilt.items().size(), rebuilt.changes(), differing);
    }

    private boolean applies(ConsumerRecord<String, String> record, Set<UUID> seen, Map<String, PictureItem> items) {
        EventEnvelope event;
        try {
            event = codec.read(record.value());
        } catch (PoisonEventException poison) {
            return false;
        }
        if (!Topics.owner(record.topic()).equals(event.source()) || !Objects.equals(record.key(), event.subject())
                || !seen.add(event.id())) {
            return false;
        }
        List<PictureItem> touched;
        try {
            // The incidents that expired stay out, as they do in the live picture and in a rebuild at start.
            touched = projection.apply(event, key -> {
                PictureItem item = items.get(key);
                return item == null ? null : item.body();
            }, picture::isExpired);
        } catch (RuntimeException poison) {
            return false;
        }
        touched.forEach(item -> {
            if (item.removed()) {
                items.remove(item.key());
            } else {
                items.put(item.key(), item);
            }
        });
        return !touched.isEmpty();
    }
}
