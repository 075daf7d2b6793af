package cn.jinjiang.emergency.shared.config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Forgets what every service keeps only for a while, each on the outbox's purge interval:
 * <ul>
 *   <li>published outbox events past their retention (pending ones are never touched, however old);</li>
 *   <li>Idempotency-Keys past theirs: a retry after that is a new request;</li>
 *   <li>the consumer log's lines past {@link ServiceConfig#consumerLogRetention()}: the log only has to outlast every
 *       way an event can arrive again (a redelivery after a crash, a replay from the topic), and topics keep records
 *       for less than that.</li>
 * </ul>
 */
@ApplicationScoped
public class Retention {

    private final PeriodicPurge publishedEvents;
    private final PeriodicPurge idempotencyKeys;
    private final PeriodicPurge consumedEvents;
    private final ServiceConfig.Outbox schedule;
    private final Pool pool;
    private final Vertx vertx;
    private long timer = -1;

    public Retention(ServiceConfig config, Pool pool, Vertx vertx) {
        this.schedule = config.outbox();
        this.publishedEvents = new PeriodicPurge("published outbox events", """
                DELETE FROM outbox_event WHERE position IN (
                    SELECT position FROM outbox_event WHERE published_at < $1
                    ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED)""", schedule.retention(),
                schedule.purgeBatchSize());
        this.idempotencyKeys = new PeriodicPurge("idempotency keys", """
                DELETE FROM idempotency_key WHERE (caller, idempotency_key) IN (
                    SELECT caller, idempotency_key FROM idempotency_key WHERE created_at < $1
                    LIMIT $2 FOR UPDATE SKIP LOCKED)""", config.idempotencyKeyRetention(), schedule.purgeBatchSize());
        this.consumedEvents = new PeriodicPurge("consumed events", """
                DELETE FROM processed_event WHERE event_id IN (
                    SELECT event_id FROM processed_event WHERE processed_at < $1
                    LIMIT $2 FOR UPDATE SKIP LOCKED)""", config.consumerLogRetention(), schedule.purgeBatchSize());
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        List<PeriodicPurge> all = List.of(publishedEvents, idempotencyKeys, consumedEvents);
        timer = vertx.setPeriodic(schedule.purgeInterval().toMillis(),
                tick -> all.forEach(purge -> purge.scheduled(pool)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** Purges published outbox events until none past retention is left; returns how many rows went. */
    public Uni<Long> purgePublishedEvents() {
        return publishedEvents.run(pool);
    }

    /** Purges Idempotency-Keys past retention; returns how many went. */
    public Uni<Long> purgeIdempotencyKeys() {
        return idempotencyKeys.run(pool);
    }

    /** Purges the consumer log's lines past retention; returns how many went. */
    public Uni<Long> purgeConsumedEvents() {
        return consumedEvents.run(pool);
    }
}
