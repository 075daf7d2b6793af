package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.persistence.RowInsert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The one shape of every Kafka consumer here: the records of a poll are applied in one transaction, each event at
 * most once. The ids already in the consumer message log are found with one query, the new events' effects are
 * applied in partition order, and their ids are logged with one insert, in the same transaction as the effects, so a
 * redelivered event (rebalance, relay retry, replay) changes nothing the second time, in this batch or a later one.
 * <p>
 * A poison record (not JSON, against its schema, keyed differently from its subject, or refused by the handler) is
 * nacked alone, which sends it to the channel's dead-letter topic; the rest of the batch is applied. Any other failure
 * (the database away or restarting, a timeout) retries the whole batch with back-off for as long as it takes, holding
 * the partitions: a good event is never parked in the dead-letter topic by an outage, because later events of its
 * incident would follow it there as "unknown incident". The connector keeps polling with the partitions paused
 * meanwhile, so the consumer stays in its group; {@link ConsumerHealth} reports it not ready once the batch has
 * waited past {@code emergency.consumer.unhealthy-after}.
 * <p>
 * Incoming channels using it set {@code batch=true} and {@code failure-strategy=dead-letter-queue}.
 */
@ApplicationScoped
public class BatchConsumer {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    private final EventCodec codec;
    private final OutboxCommits commits;
    private final ConsumerHealth health;
    private final ConsumerSettings settings;

    public BatchConsumer(EventCodec codec, OutboxCommits commits, @Readiness ConsumerHealth health,
                         ConsumerSettings settings) {
        this.codec = codec;
        this.commits = commits;
        this.health = health;
        this.settings = settings;
    }

    /** An event applied by this batch (not a redelivery), with what its handler left for after the commit. */
    public record Applied<R>(EventEnvelope event, R result) {
    }

    /**
     * Applies the batch, dead-letters its poison records and acknowledges it.
     *
     * @return the events applied now, in partition order, once their transaction has committed
     */
    public <R> Uni<List<Applied<R>>> consume(KafkaRecordBatch<String, String> batch, EventHandler<R> handler) {
        return consumeRecords(batch, (event, record) -> handler.apply(event));
    }

    /**
     * The same, for a handler that also needs the record each event was read from: the event it is handed is the
     * one decoded here, so a record's JSON is parsed once.
     */
    public <R> Uni<List<Applied<R>>> consumeRecords(KafkaRecordBatch<String, String> batch, RecordHandler<R> handler) {
        List<Decoded> decoded = batch.getRecords().stream().map(this::decode).toList();
        if (decoded.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack()).replaceWith(List.of());
        }
        // One channel per topic in every service: the topic names the consumer in readiness and in the logs.
        String consumer = decoded.get(0).record.getTopic();
        Context context = Vertx.currentContext();
        // Hibernate Reactive must run on the channel's Vert.x context, also when a retry resubscribes from a timer.
        Executor onContext = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        health.started(consumer);
        return Uni.createFrom().deferred(() -> applyAll(decoded, handler))
                .runSubscriptionOn(onContext)
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> health.failed(consumer, decoded.size(), failure))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(settings.retryDelay(), settings.maxRetryDelay()).indefinitely()
                .invoke(applied -> health.applied(consumer))
                .call(applied -> deadLetter(decoded))
                .call(applied -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().call(failure -> {
                    // Only dead-lettering or acknowledging can fail here; the batch goes to the dead-letter topic,
                    // and says so, rather than silently.
                    LOG.errorf("Dead-lettering the whole batch of %d records of %s: %s", decoded.size(), consumer,
                            failure);
                    return Uni.createFrom().completionStage(batch.nack(failure));
                });
    }

    private Decoded decode(KafkaRecord<String, String> record) {
        try {
            EventEnvelope event = codec.read(record.getPayload());
            if (!Topics.owner(record.getTopic()).equals(event.source())) {
                // Only the topic's owner writes it; anything else is a misrouted or forged event.
                throw new PoisonEventException("source " + event.source() + " does not write " + record.getTopic());
            }
            if (!Objects.equals(record.getKey(), event.subject())) {
                // The key routes and orders an incident's events; a record filed under another key breaks both.
                throw new PoisonEventException("record key " + record.getKey() + " is not the event's subject "
                        + event.subject());
            }
            return new Decoded(record, event);
        } catch (PoisonEventException poison) {
            Decoded decoded = new Decoded(record, null);
            decoded.poison = poison;
            return decoded;
        }
    }

    /** One attempt; a handler's poison verdict rolls it back and the batch is tried again without that record. */
    private <R> Uni<List<Applied<R>>> applyAll(List<Decoded> decoded, RecordHandler<R> handler) {
        List<Decoded> good = decoded.stream().filter(d -> d.poison == null).toList();
        if (good.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return commits.inTransaction(() -> alreadyProcessed(good).flatMap(seen -> {
                    Set<UUID> taken = new HashSet<>(seen);
                    List<Decoded> fresh = good.stream().filter(d -> taken.add(d.event.id())).toList();
                    return Multi.createFrom().iterable(fresh)
                            .onItem().transformToUniAndConcatenate(d -> Uni.createFrom()
                                    .deferred(() -> handler.apply(d.event, d.record))
                                    .onFailure(PoisonEventException.class)
                                    .transform(poison -> new PoisonInBatch(d, (PoisonEventException) poison))
                                    .map(result -> new Applied<>(d.event, result)))
                            .collect().asList()
                            .call(applied -> log(fresh));
                }))
                .onFailure(PoisonInBatch.class).recoverWithUni(failure -> {
                    PoisonInBatch poisoned = (PoisonInBatch) failure;
                    poisoned.record.poison = poisoned.poison;
                    return applyAll(decoded, handler);
                });
    }

    /*
     * The insert keeps one text whatever the batch's size (an array, not a list of parameters), so PostgreSQL
     * prepares and plans it once. The select takes a list: Hibernate 7.2 files a native select's plan under a key
     * that never equals the next execution's, so a cached one (an array parameter) adds an entry under the same hash
     * every batch until its plan cache holds thousands of them, compared one by one on every lookup (5 % of the
     * gateway's CPU; docs/performance.md). A list parameter keeps the query out of that cache; a statement per batch
     * size is the price, and at tens of events a second batches come in a handful of sizes.
     */
    private static Uni<List<UUID>> alreadyProcessed(List<Decoded> records) {
        List<UUID> ids = records.stream().map(d -> d.event.id()).distinct().toList();
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT event_id FROM processed_event WHERE event_id IN (:ids)", UUID.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    private static Uni<Void> log(List<Decoded> fresh) {
        RowInsert lines = RowInsert.into("processed_event", "event_id:uuid", "event_type:text", "source:text",
                "processed_at:timestamptz");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        fresh.forEach(d -> lines.row(d.event.id(), d.event.type(), d.event.source(), now));
        return lines.execute().replaceWithVoid();
    }

    /** Nacks each poison record alone: the channel's dead-letter strategy publishes it with the reason. */
    private static Uni<Void> deadLetter(List<Decoded> decoded) {
        List<Decoded> poison = decoded.stream().filter(d -> d.poison != null).toList();
        if (poison.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        poison.forEach(d -> LOG.warnf("Dead-lettering a record of %s-%d keyed %s: %s", d.record.getTopic(),
                d.record.getPartition(), d.record.getKey(), d.poison.getMessage()));
        return Multi.createFrom().iterable(poison)
                .onItem().transformToUniAndConcatenate(d ->
                        Uni.createFrom().completionStage(d.record.nack(d.poison)))
                .collect().last().replaceWithVoid();
    }

    /** A record of the batch: its event once decoded, or why it can never be applied. */
    private static final class Decoded {
        final KafkaRecord<String, String> record;
        final EventEnvelope event;
        PoisonEventException poison;

        Decoded(KafkaRecord<String, String> record, EventEnvelope event) {
            this.record = record;
            this.event = event;
        }
    }

    private static final class PoisonInBatch extends RuntimeException {
        final transient Decoded record;
        final PoisonEventException poison;

        PoisonInBatch(Decoded record, PoisonEventException poison) {
            super(poison.getMessage(), poison, false, false);
            this.record = record;
            this.poison = poison;
        }
    }
}
