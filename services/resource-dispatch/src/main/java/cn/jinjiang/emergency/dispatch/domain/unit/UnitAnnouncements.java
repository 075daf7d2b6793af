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
 * Announces the registry on dispatch-events: every unit the reference file added or changed since it was last
 * announced goes out as unit.listed, so a consumer (the gateway's picture) knows every unit, also one that never
 * moved. The mark is a pair of versions on the unit's own row rather than a flag set once at start: the file can
 * change later, and the row is what the pass locks. A pass takes its rows FOR UPDATE SKIP LOCKED, so instances
 * running passes at once announce disjoint units, and a unit busy with a status report is left for the next pass.
 */
@ApplicationScoped
public class UnitAnnouncements {

    /** Who changed a unit that the reference file added or changed. */
    public static final String REFERENCE_DATA = "reference-data";

    private final UnitEvents events;
    private final DispatchPolicy policy;
    private final PeriodicPass pass;

    public UnitAnnouncements(UnitEvents events, DispatchPolicy policy, OutboxCommits commits, Vertx vertx) {
        this.events = events;
        this.policy = policy;
        this.pass = new PeriodicPass("Units announced", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.listing().announceEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, inside the caller's transaction; returns how many units it announced. */
    Uni<Integer> announce() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return unannounced().flatMap(units -> Multi.createFrom().iterable(units)
                .onItem().transformToUniAndConcatenate(unit -> events.listed(unit, REFERENCE_DATA, now))
                .collect().last()
                .replaceWith(units.size()));
    }

    /** Locks the ids first (a native query, for SKIP LOCKED), then loads those units, already locked by this pass. */
    private Uni<List<Unit>> unannounced() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT id FROM unit WHERE announced_version < listed_version ORDER BY call_sign "
                                + "LIMIT :limit FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter("limit", policy.listing().announceBatchSize())
                .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Unit>of())
                        : Unit.<Unit>list("id in ?1 order by callSign", ids));
    }
}
