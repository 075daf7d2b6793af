package cn.jinjiang.emergency.shared.outbox;

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
 * Deletes published outbox rows once they are past their retention, a small batch per statement so the purge never
 * competes with the relay for long. Pending rows are never touched, however old.
 */
@ApplicationScoped
public class OutboxRetention {

    private final ServiceConfig.Outbox config;
    private final PeriodicPurge published;
    private final Pool pool;
    private final Vertx vertx;
    private long timer = -1;

    public OutboxRetention(ServiceConfig config, Pool pool, Vertx vertx) {
        this.config = config.outbox();
        this.published = new PeriodicPurge("published outbox events", """
                DELETE FROM outbox_event WHERE position IN (
                    SELECT position FROM outbox_event WHERE published_at < $1
                    ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED)""", this.config.retention(),
                this.config.purgeBatchSize());
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), tick -> published.scheduled(pool));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** Purges until nothing past retention is left; returns how many rows went. */
    public Uni<Long> purge() {
        return published.run(pool);
    }
}
