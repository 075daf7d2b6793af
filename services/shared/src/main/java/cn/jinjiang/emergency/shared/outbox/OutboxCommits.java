package cn.jinjiang.emergency.shared.outbox;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes the relay the moment a transaction that wrote outbox rows has committed. {@link Outbox#add} marks the unit of
 * work (the request's or the consumed batch's Vert.x context); whoever commits it calls {@link #committed(Context)}.
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

    /** The unit of work running on {@code context} has committed; wakes the relay if it wrote outbox rows. */
    public void committed(Context context) {
        if (context != null && Boolean.TRUE.equals(context.getLocal(WROTE_OUTBOX))) {
            relay.wake();
        }
    }

    /** The context of the unit of work the caller runs in, to hand to {@link #committed(Context)} later. */
    public static Context current() {
        return Vertx.currentContext();
    }
}
