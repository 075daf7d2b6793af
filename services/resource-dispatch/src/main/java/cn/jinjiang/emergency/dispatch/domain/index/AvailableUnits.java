package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.dispatch.config.DispatchPolicy;
import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps this instance's {@link UnitIndex} equal to the AVAILABLE units in the database. Every committed change to a
 * unit, by any instance, raises a notification (trigger unit_changed); the units named are re-read, one query at a
 * time so that a later read never lands before an earlier one. The index is rebuilt whole at start, whenever the
 * listener (re)connects, and every {@link DispatchPolicy#indexResyncEvery()} as a safety net.
 */
@ApplicationScoped
public class AvailableUnits {

    private static final Logger LOG = Logger.getLogger(AvailableUnits.class);
    private static final String COLUMNS = "id, call_sign, type, capabilities, area_code, latitude, longitude, status";

    private final UnitIndex index;
    private final Pool pool;
    private final Vertx vertx;
    private final DispatchPolicy policy;
    private final PgConnectOptions listenerOptions;

    private final Set<UUID> pending = new LinkedHashSet<>();
    private final List<Runnable> afterRound = new ArrayList<>();
    private boolean reloadAll = true;
    private boolean refreshing;
    private volatile Uni<Void> ready;
    private PgSubscriber subscriber;
    private long resyncTimer = -1;

    public AvailableUnits(UnitIndex index, Pool pool, Vertx vertx, DispatchPolicy policy, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.index = index;
        this.pool = pool;
        this.vertx = vertx;
        this.policy = policy;
        // How many units this instance can recommend: equal on every instance, and to the database's count.
        metrics.gauge("dispatch.recommendation.index.units", index, UnitIndex::size);
        this.listenerOptions = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent start) {
        ready = Uni.createFrom().<Void>emitter(emitter -> refresh(() -> emitter.complete(null)))
                .memoize().indefinitely();
        subscriber = PgSubscriber.subscriber(vertx, listenerOptions).reconnectPolicy(attempts -> 1000L);
        subscriber.channel("unit_changed")
                .subscribeHandler(() -> {
                    // Changes made while the listener was away were not notified: read everything again.
                    synchronized (this) {
                        reloadAll = true;
                    }
                    refresh(null);
                })
                .handler(payload -> changed(UUID.fromString(payload)));
        subscriber.connect().subscribe().with(ignored -> { }, failure -> LOG.warnf(
                "Unit change listener not connected yet, retrying: %s", failure.getMessage()));
        resyncTimer = vertx.setPeriodic(policy.indexResyncEvery().toMillis(), tick -> {
            synchronized (this) {
                reloadAll = true;
            }
            refresh(null);
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (resyncTimer >= 0) {
            vertx.cancelTimer(resyncTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Completes once the index has been built at least once. */
    public Uni<Void> ready() {
        Uni<Void> current = ready;
        return current != null ? current : Uni.createFrom().failure(new IllegalStateException("not started"));
    }

    public UnitIndex index() {
        return index;
    }

    /** Re-reads these units now, e.g. ones the database says are no longer available although the index had them. */
    public void changed(UUID... ids) {
        synchronized (this) {
            pending.addAll(Arrays.asList(ids));
        }
        refresh(null);
    }

    /** Runs one refresh at a time; what arrives meanwhile is picked up by the next round. */
    private void refresh(Runnable whenDone) {
        boolean all;
        List<UUID> ids;
        synchronized (this) {
            if (refreshing) {
                if (whenDone != null) {
                    // A refresh is under way; its next round covers this caller too.
                    afterRound.add(whenDone);
                }
                return;
            }
            if (!reloadAll && pending.isEmpty()) {
                if (whenDone != null) {
                    whenDone.run();
                }
                return;
            }
            refreshing = true;
            all = reloadAll;
            reloadAll = false;
            ids = new ArrayList<>(pending);
            pending.clear();
            if (whenDone != null) {
                afterRound.add(whenDone);
            }
        }
        Uni<RowSet<Row>> read = all
                ? pool.query("SELECT " + COLUMNS + " FROM unit WHERE status = 'AVAILABLE'").execute()
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM unit WHERE id = ANY($1)")
                        .execute(Tuple.of(ids.toArray(UUID[]::new)));
        read.subscribe().with(rows -> {
            if (all) {
                List<IndexedUnit> units = new ArrayList<>();
                rows.forEach(row -> units.add(indexed(row)));
                index.replaceAll(units);
            } else {
                Set<UUID> seen = new LinkedHashSet<>();
                for (Row row : rows) {
                    seen.add(row.getUUID("id"));
                    if ("AVAILABLE".equals(row.getString("status"))) {
                        index.put(indexed(row));
                    } else {
                        index.remove(row.getUUID("id"));
                    }
                }
                ids.stream().filter(id -> !seen.contains(id)).forEach(index::remove);
            }
            roundDone(false, all, ids);
        }, failure -> {
            LOG.warnf("Recommendation index not refreshed, retrying: %s", failure.getMessage());
            roundDone(true, all, ids);
        });
    }

    private void roundDone(boolean failed, boolean all, List<UUID> ids) {
        List<Runnable> done;
        synchronized (this) {
            refreshing = false;
            if (failed) {
                reloadAll |= all;
                pending.addAll(ids);
            }
            done = failed ? List.of() : new ArrayList<>(afterRound);
            if (!failed) {
                afterRound.clear();
            }
        }
        done.forEach(Runnable::run);
        if (failed) {
            vertx.setTimer(1000, tick -> refresh(null));
        } else {
            refresh(null);
        }
    }

    private static IndexedUnit indexed(Row row) {
        String area = row.getString("area_code");
        return new IndexedUnit(row.getUUID("id"), row.getString("call_sign"), UnitType.valueOf(row.getString("type")),
                Unit.capabilities(row.getString("capabilities")),
                new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")),
                AreaCodes.isValid(area) ? AreaCodes.jurisdiction(area) : null);
    }
}
