package cn.jinjiang.emergency.shared.idempotency;

import cn.jinjiang.emergency.shared.config.PeriodicPurge;
import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Forgets Idempotency-Keys past their retention: a retry after that is a new request. */
@ApplicationScoped
public class IdempotencyRetention {

    private final PeriodicPurge expired;
    private final ServiceConfig.Outbox schedule;
    private final Pool pool;
    private final Vertx vertx;
    private long timer = -1;

    public IdempotencyRetention(ServiceConfig config, Pool pool, Vertx vertx) {
        this.expired = new PeriodicPurge("idempotency keys", """
                DELETE FROM idempotency_key WHERE (caller, idempotency_key) IN (
                    SELECT caller, idempotency_key FROM idempotency_key WHERE created_at < $1
                    LIMIT $2 FOR UPDATE SKIP LOCKED)""", config.idempotencyKeyRetention(),
                config.outbox().purgeBatchSize());
        this.schedule = config.outbox();
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(schedule.purgeInterval().toMillis(), tick -> expired.scheduled(pool));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    public Uni<Long> purge() {
        return expired.run(pool);
    }
}
