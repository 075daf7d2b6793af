package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.config.PeriodicPurge;
import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Forgets consumed events past {@link ServiceConfig#consumerLogRetention()}. The log only has to outlast every way an
 * event can arrive again (a redelivery after a crash, a replay from the topic), and topics keep records for less than
 * that; without a purge it grew by a row for every event ever consumed.
 */
@ApplicationScoped
public class ConsumerLogRetention {

    private final PeriodicPurge consumed;
    private final ServiceConfig.Outbox schedule;
    private final Pool pool;
    private final Vertx vertx;
    private long timer = -1;

    public ConsumerLogRetention(ServiceConfig config, Pool pool, Vertx vertx) {
        this.consumed = new PeriodicPurge("consumed events", """
                DELETE FROM processed_event WHERE event_id IN (
                    SELECT event_id FROM processed_event WHERE processed_at < $1
                    LIMIT $2 FOR UPDATE SKIP LOCKED)""", config.consumerLogRetention(),
                config.outbox().purgeBatchSize());
        this.schedule = config.outbox();
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(schedule.purgeInterval().toMillis(), tick -> consumed.scheduled(pool));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    public Uni<Long> purge() {
        return consumed.run(pool);
    }
}
