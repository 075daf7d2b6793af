package cn.jinjiang.emergency.gateway.screens;

import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How many screens' snapshots are on their way at once. A snapshot of thousands of open incidents is tens of
 * megabytes, copied into each screen's socket buffer; two hundred screens joining together (a command centre's
 * wall after a restart) would need gigabytes at once. So screens join in turns: a turn ends when the snapshot has
 * been written, when the screen closes, or after {@code longest} at most, so that a client that never reads keeps
 * no turn from the others (its one snapshot still waits for it, bounded as {@link Screen} explains).
 */
final class SnapshotTurns {

    private final int most;
    private final long longestMillis;
    private final Vertx vertx;
    private final ArrayDeque<Consumer<Turn>> waiting = new ArrayDeque<>();
    private int taken;

    SnapshotTurns(int most, long longestMillis, Vertx vertx) {
        this.most = most;
        this.longestMillis = longestMillis;
        this.vertx = vertx;
    }

    /** Runs {@code join} with a turn, now if one is free, else once one is. */
    void take(Consumer<Turn> join) {
        synchronized (this) {
            if (taken >= most) {
                waiting.add(join);
                return;
            }
            taken++;
        }
        start(join);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void start(Consumer<Turn> join) {
        Turn turn = new Turn();
        turn.timer = vertx.setTimer(longestMillis, ignored -> turn.over());
        join.accept(turn);
    }

    private void next() {
        Consumer<Turn> join;
        synchronized (this) {
            join = waiting.poll();
            if (join == null) {
                taken--;
                return;
            }
        }
        start(join);
    }

    /** One screen's turn; over once, whichever ends it first. */
    final class Turn {

        private final AtomicBoolean over = new AtomicBoolean();
        private volatile long timer;

        void over() {
            if (over.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                next();
            }
        }
    }
}
