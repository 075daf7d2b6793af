package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import cn.jinjiang.emergency.shared.contract.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many records wait in each dead-letter topic this service watches (the {@code dlq-watchers} of
 * schemas/topic-access.csv): those past the offset its replay ({@code deploy/local/dlq.sh replay}) committed, or past
 * the oldest record kept. Read with the service's own login every {@code emergency.dead-letters.check-every} and
 * exported as the gauge {@code emergency_dlq_depth{topic="<topic>.dlq"}}; a dead letter is a good event some consumer
 * never applied, so a depth above zero is for an operator to look into, not to leave.
 */
@ApplicationScoped
public class DeadLetterDepths {

    static final String METRIC = "emergency.dlq.depth";
    private static final Logger LOG = Logger.getLogger(DeadLetterDepths.class);

    /** One dead-letter topic's depth as last read, or null before the first read. */
    public record Depth(String topic, Long depth, Instant checkedAt) {
    }

    private final List<String> watched;
    private final Map<String, Object> kafka;
    private final DeadLetterSettings settings;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Map<String, Depth> depths = new LinkedHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile String lastFailure;
    private volatile boolean stopping;
    private Admin admin;
    private long timer = -1;

    public DeadLetterDepths(ServiceConfig service, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                            DeadLetterSettings settings, MeterRegistry registry, Vertx vertx) {
        this.watched = Topics.ALL.stream()
                .filter(topic -> Topics.access(topic).dlqWatchers().contains(service.name())).toList();
        this.kafka = kafka;
        this.settings = settings;
        this.registry = registry;
        this.vertx = vertx;
        watched.forEach(topic -> depths.put(topic, new Depth(Topics.deadLetter(topic), null, null)));
    }

    void start(@Observes StartupEvent startup) {
        if (watched.isEmpty()) {
            return;
        }
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        // A count is three small requests: a broker that has not answered in seconds leaves the last count standing.
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        admin = Admin.create(config);
        for (String topic : watched) {
            Gauge.builder(METRIC, this, self -> self.gauge(topic))
                    .description("Records in the dead-letter topic not replayed yet")
                    .tag("topic", Topics.deadLetter(topic))
                    .register(registry);
        }
        timer = vertx.setPeriodic(1, settings.checkEvery().toMillis(), tick -> read());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        vertx.cancelTimer(timer);
        if (admin != null) {
            admin.close();
        }
    }

    /** Every watched dead-letter topic's depth as last read, in the table's order. */
    public synchronized List<Depth> depths() {
        return new ArrayList<>(depths.values());
    }

    private synchronized double gauge(String topic) {
        Long depth = depths.get(topic).depth();
        return depth == null ? Double.NaN : depth;
    }

    /** One read of every watched topic, unless the previous one still runs (a broker that does not answer). */
    private void read() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> reads = watched.stream().map(topic -> read(topic).thenAccept(depth -> {
            synchronized (this) {
                depths.put(topic, new Depth(Topics.deadLetter(topic), depth, Instant.now()));
            }
        }).toCompletableFuture()).toList();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            reading.set(false);
            String reason = failure == null ? null : String.valueOf(failure.getCause() == null ? failure
                    : failure.getCause());
            if (reason != null && !reason.equals(lastFailure) && !stopping) {
                // The last depths read stay, with the time they were read; the next tick tries again. Logged once
                // per reason: a broker away for minutes must not log every tick.
                LOG.warnf("Dead-letter depths could not be read, showing those of the last read: %s", reason);
            }
            lastFailure = reason;
        });
    }

    private CompletableFuture<Long> read(String topic) {
        TopicPartition dlq = new TopicPartition(Topics.deadLetter(topic), 0);
        var end = admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).partitionResult(dlq).toCompletionStage();
        var start = admin.listOffsets(Map.of(dlq, OffsetSpec.earliest())).partitionResult(dlq).toCompletionStage();
        var replayed = admin.listConsumerGroupOffsets(Topics.replayGroup(topic)).partitionsToOffsetAndMetadata()
                .toCompletionStage();
        return end.thenCombine(start, (ListOffsetsResultInfo last, ListOffsetsResultInfo first) ->
                        new long[] {first.offset(), last.offset()})
                .thenCombine(replayed, (long[] range, Map<TopicPartition, OffsetAndMetadata> committed) -> {
                    OffsetAndMetadata upTo = committed.get(dlq);
                    long from = Math.max(range[0], upTo == null ? 0 : upTo.offset());
                    return Math.max(0, range[1] - from);
                }).toCompletableFuture();
    }
}
