package cn.jinjiang.emergency.shared.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs around every {@code @WithTransaction} method, outside the interceptor that opens and commits the transaction
 * (a lower priority wraps a higher one), so its item arrives only after the commit. A nested {@code @WithTransaction}
 * also wakes the relay before the outer commit: that pass finds nothing yet, and the outer commit wakes it again.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
public class WakeRelayOnCommit {

    private final OutboxCommits commits;

    public WakeRelayOnCommit(OutboxCommits commits) {
        this.commits = commits;
    }

    @AroundInvoke
    Object afterCommit(InvocationContext invocation) throws Exception {
        return commits.afterCommit(Vertx.currentContext(), (Uni<?>) invocation.proceed());
    }
}
