package cn.jinjiang.emergency.shared.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Wakes the relay the moment a transaction that wrote outbox rows has committed. {@link Outbox#add} marks the unit of
 * work (the request's or the consumed batch's Vert.x context). This class is the one place that wakes the relay: a
 * transaction opened in code runs through {@link #inTransaction}, a {@code @WithTransaction} method through
 * {@link WakeRelayOnCommit}, which hands its committed result to {@link #afterCommit}.
 * <p>
 * An in-process signal on purpose: a PostgreSQL NOTIFY raised by each writing transaction would make every such commit
 * queue for one database-wide lock held through its WAL flush, which under load cut intake's commit rate about five-fold
 * (docs/performance.md). Each instance wakes its own relay after its own commits; when another instance's pass holds
 * the relay lock, the relay retries shortly, so no instance depends on another hearing its commits.
 */
@ApplicationScoped
public class OutboxCommits {

    private static final String WROTE_OUTBOX = "emergency.outbox.written";

    private final OutboxRelay relay;

    public OutboxCommits(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Marks the current unit of work as having added outbox rows; its commit must wake the relay. */
    static void written() {
        ContextLocals.put(WROTE_OUTBOX, Boolean.TRUE);
    }

    /**
     * Runs {@code work} in a transaction (joining the caller's if one is open) and, once it has committed, wakes the
     * relay if the work wrote outbox rows. Call it on the Vert.x context of the unit of work.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return afterCommit(Vertx.currentContext(), Panache.withTransaction(work));
    }

    /** {@code committed} yields once the unit of work running on {@code context} has committed. */
    <T> Uni<T> afterCommit(Context context, Uni<T> committed) {
        return committed.invoke(() -> {
            if (context != null && Boolean.TRUE.equals(context.getLocal(WROTE_OUTBOX))) {
                relay.wake();
            }
        });
    }
}
