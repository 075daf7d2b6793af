package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.dispatch.config.DispatchPolicy;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Publishes units' positions coalesced (unit.position-changed): a report is published in its own transaction when the
 * unit's last publication is at least {@code emergency.dispatch.positions.coalesce-within} old; otherwise the row is
 * left behind (position_announced_version &lt; position_version) and a periodic pass publishes the latest position
 * once the interval is over. So a unit's terminal reporting every second yields one event per interval, the newest
 * position wins, and the last one reported is always published. The row is the lock: a report holds it, and the pass
 * takes rows FOR UPDATE SKIP LOCKED, so two instances never publish the same unit twice in an interval.
 */
@ApplicationScoped
public class UnitPositions {

    private final UnitEvents events;
    private final DispatchPolicy policy;
    private final PeriodicPass pass;

    public UnitPositions(UnitEvents events, DispatchPolicy policy, OutboxCommits commits, Vertx vertx) {
        this.events = events;
        this.policy = policy;
        this.pass = new PeriodicPass("Unit positions published", this::publishDue, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.positions().checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** A position report on the locked unit, in the report's transaction: published now, or left for the pass. */
    Uni<Void> reported(Unit unit, OffsetDateTime now) {
        return due(unit.positionAnnouncedAt, now) ? events.positionChanged(unit, now) : Uni.createFrom().voidItem();
    }

    private boolean due(OffsetDateTime lastPublished, OffsetDateTime now) {
        return lastPublished == null || !lastPublished.plus(policy.positions().coalesceWithin()).isAfter(now);
    }

    /** One pass, inside the caller's transaction: the units whose interval is over and whose latest is unpublished. */
    Uni<Integer> publishDue() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT id FROM unit WHERE position_announced_version < position_version "
                                + "AND (position_announced_at IS NULL OR position_announced_at <= :since) "
                                + "ORDER BY position_announced_at NULLS FIRST LIMIT :limit FOR UPDATE SKIP LOCKED",
                        UUID.class)
                .setParameter("since", now.minus(policy.positions().coalesceWithin()))
                .setParameter("limit", policy.positions().batchSize())
                .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Unit>of())
                        : Unit.<Unit>list("id in ?1", ids))
                .flatMap(units -> units.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(units)
                        .onItem().transformToUniAndConcatenate(unit -> events.positionChanged(unit, now))
                        .collect().last()
                        .replaceWith(units.size()));
    }
}
