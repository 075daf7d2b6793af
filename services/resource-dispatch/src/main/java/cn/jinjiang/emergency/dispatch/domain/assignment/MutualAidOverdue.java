package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.config.DispatchPolicy;
import cn.jinjiang.emergency.shared.contract.events.EventType;
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

/**
 * Tells both bureaus, once, that a request was not answered by its time (dispatch.mutual-aid-overdue): the asking side
 * may then ask elsewhere or call. The request stays open to an answer. Requests are taken locked and skipped when
 * another instance holds them, so each is told once.
 */
@ApplicationScoped
public class MutualAidOverdue {

    static final String SYSTEM = "system";

    private final MutualAid mutualAid;
    private final DispatchPolicy policy;
    private final PeriodicPass pass;

    public MutualAidOverdue(MutualAid mutualAid, DispatchPolicy policy, OutboxCommits commits, Vertx vertx) {
        this.mutualAid = mutualAid;
        this.policy = policy;
        this.pass = new PeriodicPass("Overdue mutual-aid requests announced", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.mutualAid().checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, inside the caller's transaction; returns how many requests it told overdue. */
    Uni<Integer> announce() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT * FROM mutual_aid_request "
                                + "WHERE status = 'REQUESTED' AND overdue_at IS NULL AND answer_by <= :now "
                                + "ORDER BY answer_by LIMIT 100 FOR UPDATE SKIP LOCKED", MutualAidRequest.class)
                        .setParameter("now", now).getResultList())
                .flatMap(due -> announce(due, now));
    }

    private Uni<Integer> announce(List<MutualAidRequest> due, OffsetDateTime now) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(request -> {
                    request.overdueAt = now;
                    return mutualAid.publish(EventType.DISPATCH_MUTUAL_AID_OVERDUE, request, SYSTEM, now);
                })
                .collect().last()
                .replaceWith(due.size());
    }
}
