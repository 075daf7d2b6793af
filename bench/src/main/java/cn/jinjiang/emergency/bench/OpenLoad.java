package cn.jinjiang.emergency.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate whatever the answers do (an open workload): report i is due at start + i / rate and goes out
 * then, even while earlier ones are unanswered. A slow server therefore shows up as latency measured from the due
 * time, not as fewer requests (which is how a closed loop hides it: coordinated omission).
 */
final class OpenLoad {

    interface Send {
        /** Must not block: the next report is due a few milliseconds later. */
        void send(int index, long intendedNanos);
    }

    /** How many were sent, and how late the worst one left (the harness's own lag, e.g. a GC pause). */
    record Schedule(int sent, long startNanos, long maxLagNanos) {
    }

    private OpenLoad() {
    }

    static Schedule run(double perSecond, Duration length, long startNanos, Send send) {
        int count = (int) Math.round(perSecond * length.toNanos() / 1e9);
        double intervalNanos = 1e9 / perSecond;
        long maxLag = 0;
        for (int i = 0; i < count; i++) {
            long intended = startNanos + (long) (i * intervalNanos);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxLag = Math.max(maxLag, now - intended);
            send.send(i, intended);
        }
        return new Schedule(count, startNanos, maxLag);
    }
}
