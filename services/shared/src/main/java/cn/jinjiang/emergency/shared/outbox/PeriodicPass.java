package cn.jinjiang.emergency.shared.outbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A scheduled piece of work in one transaction that may write the outbox (overdue reports, expired warnings). Each pass
 * runs on its own duplicated Vert.x context marked safe, as Hibernate Reactive requires outside a request; passes do
 * not overlap; a commit wakes the relay; a failed pass is logged and retried by the next.
 */
public final class PeriodicPass {

    private static final Logger LOG = Logger.getLogger(PeriodicPass.class);

    private final String what;
    private final Supplier<Uni<Integer>> work;
    private final OutboxCommits commits;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    /** @param work the pass, run inside a transaction; returns how many things it did, for the log */
    public PeriodicPass(String what, Supplier<Uni<Integer>> work, OutboxCommits commits, Vertx vertx) {
        this.what = what;
        this.work = work;
        this.commits = commits;
        this.vertx = vertx;
    }

    public void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), tick -> pass());
    }

    public void stop() {
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
        context.runOnContext(ignored -> commits.inTransaction(work)
                .subscribe().with(
                        done -> {
                            running.set(false);
                            if (done > 0) {
                                LOG.infof("%s: %d", what, done);
                            }
                        },
                        failure -> {
                            running.set(false);
                            LOG.warnf("%s failed, will try again: %s", what, failure.toString());
                        }));
    }
}
