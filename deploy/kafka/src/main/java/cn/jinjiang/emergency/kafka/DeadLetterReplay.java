package cn.jinjiang.emergency.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Puts a topic's dead letters back on the topic once their cause is fixed, and tells how many wait. The way back for
 * a record a consumer could not apply: same key, same value, its original headers without the {@code dead-letter-*}
 * ones the consumer added. Consumers apply an event once (their consumer log keeps its id), so replaying what one of
 * them had applied anyway changes nothing there.
 * <p>
 * A replay runs once: it commits how far it got in the group {@code dlq-replay-<topic>} after each acknowledged
 * batch, so a second run starts where the first ended and publishes nothing twice. A run that fails between publishing
 * and committing publishes that batch again next time, which the consumers' log absorbs. One original record that
 * several consumers dead-lettered (each reader of {@code incident-events} writes the same {@code .dlq}) is published
 * once per run. It logs in as the topic's writer, the only user the broker lets write the topic; {@code depth} and
 * {@code list} only look, as the admin.
 *
 * <pre>
 * DeadLetterReplay --bootstrap HOST:PORT --access CSV --credentials DIR --admin-config FILE depth
 * DeadLetterReplay ... list TOPIC
 * DeadLetterReplay ... replay TOPIC
 * </pre>
 */
public final class DeadLetterReplay {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DEAD_LETTER_HEADERS = "dead-letter-";

    private final Map<String, String> options;
    private final List<BrokerSetup.TopicAccess> table;
    private final PrintStream out;

    private DeadLetterReplay(Map<String, String> options, PrintStream out) throws IOException {
        this.options = options;
        this.table = BrokerSetup.readTable(Path.of(required("--access")));
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException usage) {
            // A mistyped topic or option: the operator needs the sentence, not a stack trace.
            System.err.println("ERROR: " + usage.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        int command = 0;
        while (command < args.length && args[command].startsWith("--")) {
            command += 2;
        }
        if (command >= args.length) {
            throw new IllegalArgumentException("usage: DeadLetterReplay --bootstrap HOST:PORT --access CSV "
                    + "--credentials DIR --admin-config FILE (depth | list TOPIC | replay TOPIC)");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < command; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        DeadLetterReplay tool = new DeadLetterReplay(options, System.out);
        List<String> rest = Arrays.asList(args).subList(command + 1, args.length);
        switch (args[command]) {
            case "depth" -> tool.depth();
            case "list" -> tool.list(topic(rest));
            case "replay" -> tool.replay(topic(rest));
            default -> throw new IllegalArgumentException("unknown command " + args[command]
                    + ": depth, list TOPIC or replay TOPIC");
        }
    }

    private static String topic(List<String> rest) {
        if (rest.size() != 1) {
            throw new IllegalArgumentException("name one topic, e.g. incident-events");
        }
        return rest.get(0);
    }

    /** Every dead-letter topic with the number of records not replayed yet. */
    void depth() throws Exception {
        try (Admin admin = Admin.create(adminConfig())) {
            for (BrokerSetup.TopicAccess row : table) {
                TopicPartition dlq = new TopicPartition(row.topic() + ".dlq", 0);
                Range waiting = waiting(admin, row.topic(), dlq);
                out.println(dlq.topic() + " " + (waiting.end() - waiting.from()));
            }
        }
    }

    /** The dead letters of one topic not replayed yet: offset, key, where they came from and why. */
    void list(String topic) throws Exception {
        access(topic);
        TopicPartition dlq = new TopicPartition(topic + ".dlq", 0);
        Range waiting;
        try (Admin admin = Admin.create(adminConfig())) {
            waiting = waiting(admin, topic, dlq);
        }
        Map<String, Object> config = new HashMap<>(adminConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            consumer.assign(List.of(dlq));
            consumer.seek(dlq, waiting.from());
            while (consumer.position(dlq) < waiting.end()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < waiting.end()) {
                        out.println(record.offset() + " key=" + text(record.key()) + " from="
                                + header(record, "dead-letter-topic") + "-" + header(record, "dead-letter-partition")
                                + "@" + header(record, "dead-letter-offset") + " reason="
                                + header(record, "dead-letter-reason"));
                    }
                }
            }
        }
        out.println((waiting.end() - waiting.from()) + " dead letters of " + topic + " wait to be replayed");
    }

    /** Re-publishes the dead letters not replayed yet to their topic, as its writer, and remembers how far it got. */
    void replay(String topic) throws Exception {
        String writer = access(topic).writer();
        TopicPartition dlq = new TopicPartition(topic + ".dlq", 0);
        Map<String, Object> login = serviceConfig(writer);
        Map<String, Object> consumerConfig = new HashMap<>(login);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, BrokerSetup.replayGroup(topic));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerConfig = new HashMap<>(login);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int published = 0;
        int duplicates = 0;
        Set<String> originals = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(consumerConfig);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            consumer.assign(List.of(dlq));
            // The end as the run starts: what is dead-lettered meanwhile waits for the next run.
            long end = consumer.endOffsets(List.of(dlq), TIMEOUT).get(dlq);
            while (consumer.position(dlq, TIMEOUT) < end) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                long next = -1;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    next = record.offset() + 1;
                    if (!originals.add(original(record))) {
                        duplicates++;
                        continue;
                    }
                    sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                            withoutDeadLetterHeaders(record))));
                }
                producer.flush();
                for (Future<RecordMetadata> ack : sent) {
                    ack.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
                published += sent.size();
                if (next >= 0) {
                    consumer.commitSync(Map.of(dlq, new OffsetAndMetadata(next)), TIMEOUT);
                    // A poll past the end (records dead-lettered since the start) must not be skipped next time.
                    consumer.seek(dlq, next);
                }
            }
        }
        out.println("replayed " + published + " dead letters of " + topic + " to " + topic + " as " + writer
                + (duplicates > 0 ? " (" + duplicates + " copies of a record already replayed skipped)" : ""));
    }

    /** Where a dead letter's original record was: several consumers may have dead-lettered the same one. */
    private static String original(ConsumerRecord<byte[], byte[]> record) {
        String topic = header(record, "dead-letter-topic");
        if (topic == null) {
            return "dlq@" + record.offset();
        }
        return topic + "-" + header(record, "dead-letter-partition") + "@" + header(record, "dead-letter-offset");
    }

    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
                headers.add(header);
            }
        }
        return headers;
    }

    /**
     * The dead letters still waiting: from the replay group's committed offset (or the oldest record kept, whichever
     * is later) to the end.
     */
    private static Range waiting(Admin admin, String topic, TopicPartition dlq) throws Exception {
        long seconds = TIMEOUT.toSeconds();
        Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(Map.of(dlq, OffsetSpec.latest()))
                .all().get(seconds, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> start = admin.listOffsets(Map.of(dlq, OffsetSpec.earliest()))
                .all().get(seconds, TimeUnit.SECONDS);
        OffsetAndMetadata replayed = admin.listConsumerGroupOffsets(BrokerSetup.replayGroup(topic))
                .partitionsToOffsetAndMetadata().get(seconds, TimeUnit.SECONDS).get(dlq);
        long from = Math.max(start.get(dlq).offset(), replayed == null ? 0 : replayed.offset());
        return new Range(from, Math.max(from, end.get(dlq).offset()));
    }

    private record Range(long from, long end) {
    }

    private BrokerSetup.TopicAccess access(String topic) {
        return table.stream().filter(row -> row.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + topic + " in " + required("--access")));
    }

    private Map<String, Object> adminConfig() throws IOException {
        Properties file = new Properties();
        try (InputStream in = new FileInputStream(required("--admin-config"))) {
            file.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        file.forEach((key, value) -> config.put(key.toString(), value));
        config.put("bootstrap.servers", required("--bootstrap"));
        return config;
    }

    /**
     * The service's own SCRAM login, with the password BrokerSetup generated for it, over the admin's protocol (a
     * broker with TLS has it there).
     */
    private Map<String, Object> serviceConfig(String service) throws IOException {
        String password = Files.readString(Path.of(required("--credentials")).resolve(service + ".password")).strip();
        return Map.of("bootstrap.servers", required("--bootstrap"),
                "security.protocol", adminConfig().getOrDefault("security.protocol", "SASL_PLAINTEXT"),
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + service + "\" password=\"" + password + "\";");
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
