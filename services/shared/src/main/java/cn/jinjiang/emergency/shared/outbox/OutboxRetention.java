package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes published outbox rows once they are past their retention, a small batch per statement so the purge never
 * competes with the relay for long. Pending rows are never touched, however old.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    private final ServiceConfig.Outbox config;
    private final Pool pool;
    private final Vertx vertx;
    private long timer = -1;

    public OutboxRetention(ServiceConfig config, Pool pool, Vertx vertx) {
        this.config = config.outbox();
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), tick -> purge().subscribe().with(
                purged -> {
                    if (purged > 0) {
                        LOG.infof("Purged %d published outbox events older than %s", purged, config.retention());
                    }
                },
                failure -> LOG.warnf("Outbox purge failed, will try again: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** Purges until nothing past retention is left; returns how many rows went. */
    public Uni<Long> purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return purgeFrom(cutoff, 0);
    }

    private Uni<Long> purgeFrom(OffsetDateTime cutoff, long purgedSoFar) {
        return pool.preparedQuery("""
                        DELETE FROM outbox_event WHERE position IN (
                            SELECT position FROM outbox_event WHERE published_at < $1
                            ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED)""")
                .execute(Tuple.of(cutoff, config.purgeBatchSize()))
                .flatMap(rows -> rows.rowCount() < config.purgeBatchSize()
                        ? Uni.createFrom().item(purgedSoFar + rows.rowCount())
                        : purgeFrom(cutoff, purgedSoFar + rows.rowCount()));
    }
}
