package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.CoverageChanged;
import cn.jinjiang.emergency.shared.contract.events.CoverageShortfall;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Tells the other services how far issued warnings got. Every {@code check-every}: a warning with playback reports
 * newer than its last announcement gets {@code warning.coverage-changed} (so a burst of thousands of reports is one
 * event, not thousands); a warning whose {@code deadline} after approval has passed is checked once, and if it is below
 * the target, {@code warning.coverage-shortfall} names the areas that lag.
 */
@ApplicationScoped
public class CoverageAnnouncements {

    private final CoveragePolicy policy;
    private final Outbox outbox;
    private final PeriodicPass pass;

    public CoverageAnnouncements(CoveragePolicy policy, Outbox outbox, OutboxCommits commits, Vertx vertx) {
        this.policy = policy;
        this.outbox = outbox;
        this.pass = new PeriodicPass("Coverage announcements", () -> announce(OffsetDateTime.now(ZoneOffset.UTC)),
                commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    Uni<Integer> announce(OffsetDateTime now) {
        return changed().flatMap(changed -> each(changed, warning -> Coverage.of(warning, policy.targets()).flatMap(coverage -> {
                    warning.coveragePublishedAt = now;
                    return outbox.add(EventType.WARNING_COVERAGE_CHANGED, warning.subject(), new CoverageChanged(
                            warning.id, warning.incidentId, coverage.overall(), coverage.areas(), now));
                })).flatMap(published -> due(now).flatMap(due -> each(due, warning -> Coverage.of(warning,
                        policy.targets()).flatMap(coverage -> {
                            warning.coverageCheckedAt = now;
                            if (coverage.overall().publicReachPercent() >= policy.reachTarget()) {
                                return Uni.createFrom().voidItem();
                            }
                            return outbox.add(EventType.WARNING_COVERAGE_SHORTFALL, warning.subject(),
                                    new CoverageShortfall(warning.id, warning.incidentId, policy.reachTarget(),
                                            warning.approvedAt.plus(policy.deadline()), coverage.overall(),
                                            coverage.lagging().isEmpty() ? List.of(coverage.overall())
                                                    : coverage.lagging(), now));
                        }))).map(checked -> published + checked)));
    }

    private static Uni<Integer> each(List<Warning> warnings, java.util.function.Function<Warning, Uni<?>> action) {
        Uni<Integer> all = Uni.createFrom().item(0);
        for (Warning warning : warnings) {
            all = all.flatMap(count -> action.apply(warning).replaceWith(count + 1));
        }
        return all;
    }

    /** Issued warnings with playback reports received since their coverage was last announced. */
    private static Uni<List<Warning>> changed() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT w.id FROM warning w WHERE w.status = 'ACTIVE' AND (EXISTS (SELECT 1 FROM broadcast_ack a "
                                + "WHERE a.warning_id = w.id AND a.received_at > "
                                + "COALESCE(w.coverage_published_at, '-infinity')) OR EXISTS (SELECT 1 FROM "
                                + "channel_reach r WHERE r.warning_id = w.id AND r.received_at > "
                                + "COALESCE(w.coverage_published_at, '-infinity')))", UUID.class)
                        .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Warning>of())
                        : Warning.<Warning>find("id in ?1", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list());
    }

    private Uni<List<Warning>> due(OffsetDateTime now) {
        return Warning.<Warning>find("status = ?1 and coverageCheckedAt is null and approvedAt <= ?2",
                Warning.Status.ACTIVE, now.minus(policy.deadline())).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
