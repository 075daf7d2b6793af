package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.intake.config.DeadlinePolicy;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks for missed report deadlines every {@code emergency.intake.deadlines.check-every} and announces them. Each pass
 * runs on its own duplicated Vert.x context marked safe, as Hibernate Reactive requires outside a request; passes do
 * not overlap, and a failed pass is logged and retried by the next.
 */
@ApplicationScoped
public class OverdueReports {

    private static final Logger LOG = Logger.getLogger(OverdueReports.class);

    private final ReportingDeadlines deadlines;
    private final DeadlinePolicy policy;
    private final OutboxCommits commits;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public OverdueReports(ReportingDeadlines deadlines, DeadlinePolicy policy, OutboxCommits commits, Vertx vertx) {
        this.deadlines = deadlines;
        this.policy = policy;
        this.commits = commits;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(policy.checkEvery().toMillis(), tick -> pass());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void pass() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withTransaction(
                        () -> deadlines.announceOverdue(OffsetDateTime.now(ZoneOffset.UTC)))
                .subscribe().with(
                        announced -> {
                            running.set(false);
                            commits.committed(context);
                            if (announced > 0) {
                                LOG.infof("Announced %d overdue report(s)", announced);
                            }
                        },
                        failure -> {
                            running.set(false);
                            LOG.warnf("Looking for overdue reports failed, will try again: %s", failure.toString());
                        }));
    }
}
