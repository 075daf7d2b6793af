package cn.jinjiang.emergency.intake.domain.deadline;

import cn.jinjiang.emergency.intake.config.DeadlinePolicy;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Looks for missed report deadlines every {@code emergency.intake.deadlines.check-every} and announces them, a pass at a
 * time in its own transaction ({@link PeriodicPass}).
 */
@ApplicationScoped
public class OverdueReports {

    private final DeadlinePolicy policy;
    private final PeriodicPass pass;

    public OverdueReports(ReportingDeadlines deadlines, DeadlinePolicy policy, OutboxCommits commits, Vertx vertx) {
        this.policy = policy;
        this.pass = new PeriodicPass("Overdue reports announced",
                () -> deadlines.announceOverdue(OffsetDateTime.now(ZoneOffset.UTC)), commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }
}
