package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published in the same transaction that locked them.
 * If the broker is away the pass fails, the rows stay pending and the next pass tries again: events are delayed,
 * never lost. A crash between the broker's ack and the commit republishes a row, which consumers deduplicate by id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> emitter;
    private final ServiceConfig config;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, ServiceConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @Scheduled(every = "${emergency.service.outbox.poll-interval:0.2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relayPending() {
        return relay()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, events stay pending: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One pass; returns how many events it published. */
    public Uni<Integer> relay() {
        ServiceConfig.Outbox settings = config.outbox();
        return Panache.withTransaction(() -> OutboxEvent.lockPending(settings.batchSize())
                .call(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::publish)
                        .collect().last())
                .map(List::size));
    }

    private Uni<Void> publish(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", row.eventId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", row.eventType.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata))
                .ifNoItem().after(config.outbox().sendTimeout()).fail()
                .invoke(row::markPublished);
    }
}
