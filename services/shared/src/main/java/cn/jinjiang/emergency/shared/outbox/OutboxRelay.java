package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published in the same transaction that locked them.
 * If the broker is away the pass fails, the rows stay pending and the next pass tries again: events are delayed,
 * never lost. A crash between the broker's ack and the commit republishes a row, which consumers deduplicate by id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> emitter;

    private final ServiceConfig config;
    private final Vertx vertx;
    private final AtomicBoolean passRunning = new AtomicBoolean();
    private long timer = -1;

    public OutboxRelay(ServiceConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        // A plain timer rather than @Scheduled: the scheduler will not poll more often than once a second, and the
        // relay's interval is most of the report-to-screen latency.
        timer = vertx.setPeriodic(config.outbox().pollInterval().toMillis(), tick -> relayInBackground());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    private void relayInBackground() {
        if (!passRunning.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive sessions live on a duplicated context that is flagged safe (not shared).
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> relay().subscribe().with(
                published -> passRunning.set(false),
                failure -> {
                    passRunning.set(false);
                    LOG.warnf("Outbox relay pass failed, events stay pending: %s", failure.toString());
                }));
    }

    /** One pass; returns how many events it published. */
    public Uni<Integer> relay() {
        return Panache.withTransaction(() -> OutboxEvent.lockPending(config.outbox().batchSize())
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
