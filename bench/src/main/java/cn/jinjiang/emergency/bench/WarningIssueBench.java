package cn.jinjiang.emergency.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Approve → signed CAP on broadcast-cap, on the running warning-broadcast (deploy/local/up.sh). Drafts are made first
 * (untimed, mode TEST so no real terminal would play them, expiring a few minutes later); then commanders approve
 * them at a fixed rate, and each approval is timed from its intended send time to its answer and to the CAP Alert's
 * arrival on the topic, read by a consumer of its own.
 */
public final class WarningIssueBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private WarningIssueBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double rate = options.decimal("rate", BenchOption.APPROVE_RATE.decimalFallback());
        Duration length = options.seconds("seconds", BenchOption.APPROVE_SECONDS.decimalFallback());
        Duration warmUp = options.seconds("warmup-seconds", BenchOption.APPROVE_WARMUP.decimalFallback());
        options.rejectUnknown();

        Stack stack = Stack.fromEnvironment();
        String dispatcher = required("BENCH_DISPATCHER_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> cap = consumer(stack)) {
            Thread reader = new Thread(() -> read(cap, arrived), "cap-reader");
            reader.setDaemon(true);
            reader.start();

            run(stack, http, rate, warmUp, drafts(stack, http, dispatcher, rate, warmUp), arrived,
                    Latency.histogram(), Latency.histogram());
            Histogram answers = Latency.histogram();
            Histogram onTopic = Latency.histogram();
            // Drafts are made first, so the CPU read is the approvals' (signing, CAP, events), not the drafting.
            List<String> drafts = drafts(stack, http, dispatcher, rate, length);
            StackCpu cpu = StackCpu.local();
            CpuReading before = cpu.reading();
            int missing = run(stack, http, rate, length, drafts, arrived, answers, onTopic);
            CpuUse used = CpuUse.between(before, cpu.reading());
            System.out.println();
            System.out.println("Approve -> CAP: POST /api/warnings/{id}/approve at " + IntakeLatencyStage.fmt(rate)
                    + "/s for " + length.toSeconds() + " s (after " + warmUp.toSeconds()
                    + " s untimed), from the intended send time");
            System.out.println("  approve answered:       " + Latency.percentiles(answers, 50, 90, 99));
            System.out.println("  CAP Alert on the topic: " + Latency.percentiles(onTopic, 50, 90, 99) + ", "
                    + missing + " missing");
            long approved = answers.getTotalCount();
            used.perUnit("approval", "", approved).forEach(System.out::println);
            String figure = "b4/" + Figures.number(rate) + "rps/";
            if (onTopic.getTotalCount() > 0) {
                Figures.recordNanosAsMs(figure + "cap_p99_ms", onTopic.getValueAtPercentile(99));
            }
            Figures.record(figure + "cpu_ms_per_approval", used.msPer(approved));
            // The consumer is the reader's until it has left its poll; only then is it closed here.
            cap.wakeup();
            reader.join(5000);
        }
    }

    private static List<String> drafts(Stack stack, HttpClient http, String dispatcher, double rate, Duration length)
            throws Exception {
        int count = (int) Math.round(rate * length.toSeconds());
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drafts.add(draft(stack, http, dispatcher));
        }
        return drafts;
    }

    private static int run(Stack stack, HttpClient http, double rate, Duration length,
            List<String> drafts, Map<String, Long> arrived, Histogram answers, Histogram onTopic) throws Exception {
        // The approvals in flight come from several commanders: the services bound the requests one caller has open.
        List<String> commanders = BenchTokens.callers("commander", "approver");
        Map<String, Long> intended = new ConcurrentHashMap<>();
        AtomicInteger pending = new AtomicInteger();
        OpenLoad.run(rate, length, System.nanoTime(), (i, due) -> {
            String id = drafts.get(i);
            intended.put(id, due);
            pending.incrementAndGet();
            http.sendAsync(HttpRequest.newBuilder(stack.service("warning-broadcast",
                                    "/api/warnings/" + id + "/approve"))
                            .header("Authorization", "Bearer " + commanders.get(i % commanders.size()))
                            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.statusCode() == 200) {
                            Latency.record(answers, System.nanoTime() - due);
                        } else {
                            Progress.say("approve failed: %s", failure != null ? failure : response.statusCode());
                        }
                        pending.decrementAndGet();
                    });
        });
        Instant deadline = Instant.now().plusSeconds(60);
        while ((pending.get() > 0 || !arrived.keySet().containsAll(intended.keySet()))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        int missing = 0;
        for (Map.Entry<String, Long> sent : intended.entrySet()) {
            Long at = arrived.get(sent.getKey());
            if (at == null) {
                missing++;
            } else {
                Latency.record(onTopic, at - sent.getValue());
            }
        }
        return missing;
    }

    private static String draft(Stack stack, HttpClient http, String token) throws Exception {
        String body = """
                {"hazard": "RAINSTORM", "level": "BLUE", "mode": "TEST", "headline": "benchmark", "instruction": "none",
                 "areaCodes": ["350582100000"], "expiresAt": "%s"}""".formatted(
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service("warning-broadcast",
                        "/api/warnings")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("draft refused: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    private static KafkaConsumer<String, String> consumer(Stack stack) {
        Properties properties = new Properties();
        properties.putAll(stack.kafkaClient());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor("broadcast-cap").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void read(KafkaConsumer<String, String> consumer, Map<String, Long> arrived) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value().contains("<msgType>Alert</msgType>")) {
                        arrived.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        } catch (WakeupException done) {
            // The run is over.
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run this through deploy/local/bench.sh");
        }
        return value;
    }
}
