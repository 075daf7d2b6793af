package cn.jinjiang.emergency.gateway.screens;

import java.util.ArrayDeque;

/**
 * The messages handed to one screen's socket and not yet written: when each was handed over, its length, and whether
 * it is the message a join starts with (its snapshot). A connection's writes complete in the order they were made, so
 * each completion takes the oldest. Guarded by the screen's lock.
 */
final class Unwritten {

    private final ArrayDeque<long[]> messages = new ArrayDeque<>();
    private long bytes;
    /** The part of {@link #bytes} that is a join's first message. */
    private long joinBytes;

    void add(int length, boolean join) {
        messages.add(new long[]{System.nanoTime(), length, join ? 1 : 0});
        bytes += length;
        if (join) {
            joinBytes += length;
        }
    }

    /** The oldest was written (or failed); whether it was a join's first message. */
    boolean written() {
        long[] oldest = messages.poll();
        if (oldest == null) {
            return false;
        }
        bytes -= oldest[1];
        if (oldest[2] == 1) {
            joinBytes -= oldest[1];
            return true;
        }
        return false;
    }

    /**
     * Whether the screen is behind: its oldest message, not a join's, waited more than {@code maxLagNanos}, or more
     * than {@code maxBytes} wait beside a join's first message.
     * <p>
     * The snapshot a join starts with is the whole picture the screen may see: with thousands of open incidents it is
     * larger than {@code maxBytes} and takes longer than {@code maxLagNanos} to write, and counting it would resync
     * every screen as it joins, for ever. So the bound is on what waits beside that one snapshot: a screen never has
     * two joins on their way ({@link Screen#deferResume}), so it holds one snapshot plus {@code maxBytes} at most, and
     * a screen that reads nothing at all is closed for not answering pings.
     */
    boolean behind(long maxLagNanos, long maxBytes) {
        long[] oldest = messages.peek();
        return oldest != null && ((oldest[2] == 0 && System.nanoTime() - oldest[0] > maxLagNanos)
                || bytes - joinBytes > maxBytes);
    }

    boolean joinWaiting() {
        return joinBytes > 0;
    }

    int count() {
        return messages.size();
    }

    long bytes() {
        return bytes;
    }
}
