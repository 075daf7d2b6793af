package cn.jinjiang.emergency.shared.config;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes a table's rows past their retention, a small batch per statement so a purge never holds many locks or a
 * long transaction, until none is left.
 *
 * @param what   what the rows are, for the log
 * @param delete a DELETE taking the cutoff ($1) and the batch size ($2), e.g. {@code ... WHERE id IN (SELECT id ...
 *               WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)}
 */
public record PeriodicPurge(String what, String delete, Duration retention, int batchSize) {

    private static final Logger LOG = Logger.getLogger(PeriodicPurge.class);

    /** Purges until nothing past retention is left; returns how many rows went. */
    public Uni<Long> run(Pool pool) {
        return from(pool, OffsetDateTime.now(ZoneOffset.UTC).minus(retention), 0);
    }

    /** One scheduled run: logs what it purged, or why it failed (the next run tries again). */
    public void scheduled(Pool pool) {
        run(pool).subscribe().with(
                purged -> {
                    if (purged > 0) {
                        LOG.infof("Purged %d %s older than %s", purged, what, retention);
                    }
                },
                failure -> LOG.warnf("Purging %s failed, will try again: %s", what, failure.toString()));
    }

    private Uni<Long> from(Pool pool, OffsetDateTime cutoff, long purgedSoFar) {
        return pool.preparedQuery(delete).execute(Tuple.of(cutoff, batchSize))
                .flatMap(rows -> rows.rowCount() < batchSize
                        ? Uni.createFrom().item(purgedSoFar + rows.rowCount())
                        : from(pool, cutoff, purgedSoFar + rows.rowCount()));
    }
}
