package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Takes every event topic into the one picture. The four channels deliver their batches concurrently, but the picture
 * has a single writer: batches are applied one after another, each in one transaction (the shared
 * {@link BatchConsumer}, with its consumer log and dead-letter handling), and only after a batch has committed are its
 * changes taken into the in-memory picture, which hands them to its listeners in the order they were applied. One
 * writer is what lets an incident's sections, which come from different topics, never overwrite one another, and what
 * lets a screen's snapshot and its stream meet without a gap.
 */
@ApplicationScoped
public class PictureWriter {

    private final BatchConsumer consumer;
    private final Picture picture;
    private final PictureStore store;
    private final Projection projection;
    private final Object order = new Object();
    private CompletableFuture<Void> lastBatch = CompletableFuture.completedFuture(null);

    public PictureWriter(BatchConsumer consumer, Picture picture, PictureStore store, Projection projection) {
        this.consumer = consumer;
        this.picture = picture;
        this.store = store;
        this.projection = projection;
    }

    /** Applies a batch of one of the topics, in its turn. */
    public Uni<Void> take(KafkaRecordBatch<String, String> batch) {
        return inTurn(() -> {
            Attempt attempt = new Attempt();
            return consumer.consumeRecords(batch, attempt::apply)
                    .invoke(applied -> picture.commit(attempt.changes, attempt.position, attempt.seq))
                    .replaceWithVoid();
        });
    }

    /**
     * Runs {@code work} between batches, like one of them: what it reads of the picture does not change under it, and
     * nothing it changes is overwritten by a batch that read the picture before.
     */
    public Uni<Void> exclusively(Supplier<Uni<Void>> work) {
        return inTurn(work);
    }

    /**
     * Runs {@code work} once every batch handed in before it has finished, back on the calling channel's own Vert.x
     * context (the consumer's transaction belongs to it).
     */
    private Uni<Void> inTurn(Supplier<Uni<Void>> work) {
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

    /** The record an event was read from; of a redelivery within the batch, the first copy (the one applied). */
    private static Source sourceOf(KafkaRecord<String, String> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
        return new Source(record.getTopic(), record.getPartition(), offset);
    }

    /**
     * One attempt at applying a batch. The consumer may start the batch over (a poison record taken out, a database
     * failure retried); an event seen a second time means that has happened, and the attempt starts afresh from the
     * picture as committed.
     */
    private final class Attempt {
        private final Map<String, ObjectNode> touched = new HashMap<>();
        private final Set<UUID> seen = new HashSet<>();
        private final List<PictureChange> changes = new ArrayList<>();
        private Position position;
        private long seq;

        Attempt() {
            restart();
        }

        private void restart() {
            touched.clear();
            seen.clear();
            changes.clear();
            position = picture.position();
            seq = picture.lastSeq();
        }

        Uni<PictureChange> apply(EventEnvelope event, KafkaRecord<String, String> record) {
            if (!seen.add(event.id())) {
                restart();
                seen.add(event.id());
            }
            Source source = sourceOf(record);
            List<PictureItem> items;
            try {
                items = projection.apply(event, key -> touched.containsKey(key) ? touched.get(key)
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
