package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.api.ScreenHub;
import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.PictureProjector;
import cn.jinjiang.emergency.gateway.picture.PictureStore;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Takes every event topic into the one picture. The four channels deliver their batches concurrently, but the picture
 * has a single writer: batches are applied one after another, each in one transaction (the shared
 * {@link BatchConsumer}, with its consumer log and dead-letter handling), and only after a batch has committed are its
 * changes taken into the in-memory picture and handed to the screens, in the order they were applied. One writer is
 * what lets an incident's sections, which come from different topics, never overwrite one another, and what lets a
 * screen's snapshot and its stream meet without a gap.
 */
@ApplicationScoped
public class PictureWriter {

    private final BatchConsumer consumer;
    private final Picture picture;
    private final PictureStore store;
    private final ScreenHub screens;
    private final ObjectMapper mapper;
    private final Object order = new Object();
    private CompletableFuture<Void> lastBatch = CompletableFuture.completedFuture(null);

    public PictureWriter(BatchConsumer consumer, Picture picture, PictureStore store, ScreenHub screens,
                         ObjectMapper mapper) {
        this.consumer = consumer;
        this.picture = picture;
        this.store = store;
        this.screens = screens;
        this.mapper = mapper;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvents(KafkaRecordBatch<String, String> batch) {
        return take(batch);
    }

    @Incoming(Topics.DISPATCH_EVENTS)
    public Uni<Void> dispatchEvents(KafkaRecordBatch<String, String> batch) {
        return take(batch);
    }

    @Incoming(Topics.WARNING_EVENTS)
    public Uni<Void> warningEvents(KafkaRecordBatch<String, String> batch) {
        return take(batch);
    }

    @Incoming(Topics.RESERVE_EVENTS)
    public Uni<Void> reserveEvents(KafkaRecordBatch<String, String> batch) {
        return take(batch);
    }

    private Uni<Void> take(KafkaRecordBatch<String, String> batch) {
        return inTurn(() -> {
            Attempt attempt = new Attempt(sources(batch));
            return consumer.consume(batch, attempt::apply)
                    .invoke(applied -> picture.commit(attempt.changes, attempt.position, attempt.seq,
                            screens::publish))
                    .replaceWithVoid();
        });
    }

    /**
     * Runs {@code work} between batches, like one of them: what it reads of the picture does not change under it, and
     * nothing it changes is overwritten by a batch that read the picture before.
     */
    public Uni<Void> exclusively(java.util.function.Supplier<Uni<Void>> work) {
        return inTurn(work);
    }

    /**
     * Runs {@code work} once every batch handed in before it has finished, back on the calling channel's own Vert.x
     * context (the consumer's transaction belongs to it).
     */
    private Uni<Void> inTurn(java.util.function.Supplier<Uni<Void>> work) {
        CompletableFuture<Void> previous;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (order) {
            previous = lastBatch;
            lastBatch = mine;
        }
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().completionStage(previous)
                .emitOn(onContext)
                .chain(ignored -> work.get())
                .onTermination().invoke(() -> mine.complete(null));
    }

    /** Each event's record; a redelivery within the batch is applied (once) as the first of its copies. */
    private Map<UUID, Source> sources(KafkaRecordBatch<String, String> batch) {
        Map<UUID, Source> sources = new HashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                UUID id = UUID.fromString(mapper.readTree(record.getPayload()).path("id").asText());
                long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
                sources.putIfAbsent(id, new Source(record.getTopic(), record.getPartition(), offset));
            } catch (Exception unreadable) {
                // A poison record: the consumer dead-letters it without asking the handler.
            }
        }
        return sources;
    }

    /**
     * One attempt at applying a batch. The consumer may start the batch over (a poison record taken out, a database
     * failure retried); an event seen a second time means that has happened, and the attempt starts afresh from the
     * picture as committed.
     */
    private final class Attempt {
        private final Map<UUID, Source> sources;
        private final Map<String, ObjectNode> touched = new HashMap<>();
        private final Set<UUID> seen = new HashSet<>();
        private final List<PictureChange> changes = new ArrayList<>();
        private Position position;
        private long seq;

        Attempt(Map<UUID, Source> sources) {
            this.sources = sources;
            restart();
        }

        private void restart() {
            touched.clear();
            seen.clear();
            changes.clear();
            position = picture.position();
            seq = picture.lastSeq();
        }

        Uni<PictureChange> apply(EventEnvelope event) {
            if (!seen.add(event.id())) {
                restart();
                seen.add(event.id());
            }
            Source source = sources.get(event.id());
            if (source == null) {
                throw new IllegalStateException("event " + event.id() + " is in no record of the batch");
            }
            List<PictureItem> items;
            try {
                items = PictureProjector.apply(event, key -> touched.containsKey(key) ? touched.get(key)
                        : picture.body(key), picture::isExpired);
            } catch (RuntimeException e) {
                throw new PoisonEventException(event.type() + " cannot be shown: " + e.getMessage(), e);
            }
            PictureChange change = items.isEmpty() ? null
                    : new PictureChange(source, event.id(), event.type(), event.time(), items);
            long next = change == null ? seq : seq + 1;
            return store.write(source, change, next).map(written -> {
                seq = next;
                position = position.after(source);
                items.forEach(item -> touched.put(item.key(), item.removed() ? null : item.body()));
                if (change != null) {
                    changes.add(change);
                }
                return change;
            });
        }
    }
}
