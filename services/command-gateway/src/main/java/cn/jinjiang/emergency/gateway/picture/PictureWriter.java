package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Function;
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
    private final IncidentArchive archive;
    private final Object order = new Object();
    private CompletableFuture<Void> lastBatch = CompletableFuture.completedFuture(null);

    public PictureWriter(BatchConsumer consumer, Picture picture, PictureStore store, Projection projection,
                         IncidentArchive archive) {
        this.consumer = consumer;
        this.archive = archive;
        this.picture = picture;
        this.store = store;
        this.projection = projection;
    }

    /** Applies a batch of one of the topics, in its turn. */
    public Uni<Void> take(KafkaRecordBatch<String, String> batch) {
        return inTurn(() -> {
            Attempt attempt = new Attempt();
            return consumer.consumeRecords(batch, attempt::apply)
                    .invoke(applied -> picture.commit(attempt.changes, attempt.position, attempt.seq,
                            attempt.revived, attempt.restored))
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

    /** The incident an event is about, or null (a unit listed, a warehouse's stock). */
    private static UUID incidentOf(EventEnvelope event) {
        JsonNode id = event.data().get("incidentId");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
        /** What is kept of expired incidents this batch read events of, as those events left it. */
        private final Map<UUID, Map<String, PictureItem>> archived = new HashMap<>();
        /** Incidents this batch brought back, and everything of theirs that came back with them. */
        private final Set<UUID> revived = new HashSet<>();
        private final List<PictureItem> restored = new ArrayList<>();
        private Position position;
        private long seq;

        Attempt() {
            restart();
        }

        private void restart() {
            touched.clear();
            seen.clear();
            changes.clear();
            archived.clear();
            revived.clear();
            restored.clear();
            position = picture.position();
            seq = picture.lastSeq();
        }

        Uni<PictureChange> apply(EventEnvelope event, KafkaRecord<String, String> record) {
            if (!seen.add(event.id())) {
                restart();
                seen.add(event.id());
            }
            Source source = sourceOf(record);
            UUID incident = incidentOf(event);
            if (incident != null && expired(incident)) {
                Map<String, PictureItem> kept = archived.get(incident);
                Uni<Map<String, PictureItem>> loaded = kept != null ? Uni.createFrom().item(kept)
                        : archive.load(incident).invoke(items -> archived.put(incident, items));
                return loaded.chain(items -> applyExpired(event, source, incident, items));
            }
            List<PictureItem> items = project(event, key -> touched.containsKey(key) ? touched.get(key)
                    : picture.body(key));
            return write(event, source, items, Uni.createFrom().voidItem());
        }

        /**
         * An event of an incident that left the picture: what it does to the incident and its allocations is kept in
         * the archive, and the rest (a unit, a warning) goes on the picture. An event that changes the incident again
         * brings everything kept back, whole.
         */
        private Uni<PictureChange> applyExpired(EventEnvelope event, Source source, UUID incident,
                                                Map<String, PictureItem> kept) {
            List<PictureItem> items = project(event, key -> kept.containsKey(key) ? kept.get(key).body()
                    : touched.containsKey(key) ? touched.get(key) : picture.body(key), incident);
            List<PictureItem> its = new ArrayList<>();
            List<PictureItem> others = new ArrayList<>();
            for (PictureItem item : items) {
                boolean under = item.kind() == ItemKind.INCIDENT || item.kind().goesWithIncident();
                (under && incident.equals(item.incidentId()) ? its : others).add(item);
            }
            its.forEach(item -> {
                if (item.removed()) {
                    kept.remove(item.key());
                } else {
                    kept.put(item.key(), item);
                }
            });
            Uni<Void> archived = archive.keep(incident, its);
            if (!IncidentArchive.REVIVING.contains(event.type())) {
                return write(event, source, others, archived);
            }
            // Back on the picture: the change carries the incident (one item of a kind per change); its other
            // allocations return to the picture with it, and reach screens by snapshot or their next change.
            List<PictureItem> shown = new ArrayList<>(items.stream().filter(item -> !item.removed()).toList());
            PictureItem whole = kept.get(PictureItem.key(ItemKind.INCIDENT, incident.toString()));
            if (whole != null && shown.stream().noneMatch(item -> item.key().equals(whole.key()))) {
                shown.add(0, whole);
            }
            return write(event, source, shown, archived.chain(() -> archive.restore(incident))).invoke(change -> {
                revived.add(incident);
                restored.addAll(kept.values());
                kept.values().forEach(item -> touched.put(item.key(), item.body()));
                this.archived.remove(incident);
            });
        }

        private List<PictureItem> project(EventEnvelope event, Function<String, ObjectNode> current) {
            return project(event, current, null);
        }

        /** @param unexpired an expired incident whose event is applied to what is kept of it */
        private List<PictureItem> project(EventEnvelope event, Function<String, ObjectNode> current,
                                          UUID unexpired) {
            try {
                return projection.apply(event, current, id -> !id.equals(unexpired) && expired(id));
            } catch (RuntimeException e) {
                throw new PoisonEventException(event.type() + " cannot be shown: " + e.getMessage(), e);
            }
        }

        private Uni<PictureChange> write(EventEnvelope event, Source source, List<PictureItem> items,
                                         Uni<Void> before) {
            PictureChange change = items.isEmpty() ? null
                    : new PictureChange(source, event.id(), event.type(), event.time(), items);
            long next = change == null ? seq : seq + 1;
            return before.chain(() -> store.write(source, change, next)).map(written -> {
                seq = next;
                position = position.after(source);
                items.forEach(item -> touched.put(item.key(), item.removed() ? null : item.body()));
                if (change != null) {
                    changes.add(change);
                }
                return change;
            });
        }

        private boolean expired(UUID incident) {
            return !revived.contains(incident) && picture.isExpired(incident);
        }
    }
}
