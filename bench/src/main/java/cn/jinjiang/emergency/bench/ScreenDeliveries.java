package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * Which screen got which report, when, and how often. Latency runs from the report's intended send time, so a report
 * that the open load could not even send on time still counts its full delay.
 */
final class ScreenDeliveries implements Screen.Messages {

    private final ReportTitles titles;
    private final AtomicLongArray intendedNanos;
    private final Histogram latency;
    private final BitSet[] seen;
    private final AtomicLongArray firstArrival;
    private final LongAdder received = new LongAdder();
    private final long[] duplicates;

    /** {@code latency} may be null when only counts and arrival times are wanted. */
    ScreenDeliveries(ReportTitles titles, AtomicLongArray intendedNanos, int screens, Histogram latency) {
        this.titles = titles;
        this.intendedNanos = intendedNanos;
        this.latency = latency;
        this.seen = new BitSet[screens];
        this.duplicates = new long[screens];
        for (int i = 0; i < screens; i++) {
            seen[i] = new BitSet(intendedNanos.length());
        }
        this.firstArrival = new AtomicLongArray(intendedNanos.length());
        for (int i = 0; i < intendedNanos.length(); i++) {
            firstArrival.set(i, Long.MAX_VALUE);
        }
    }

    @Override
    public void received(Screen screen, JsonNode message, long arrivalNanos) {
        if ("snapshot".equals(message.path("kind").asText())) {
            return; // a reconnecting screen's snapshot is not a delivery of a change
        }
        int index = titles.index(message.path("incident").path("title").asText(null));
        if (index < 0 || index >= intendedNanos.length()) {
            return;
        }
        BitSet screenSeen = seen[screen.number()];
        synchronized (screenSeen) {
            if (screenSeen.get(index)) {
                duplicates[screen.number()]++;
                return;
            }
            screenSeen.set(index);
        }
        received.increment();
        firstArrival.accumulateAndGet(index, arrivalNanos, Math::min);
        if (latency != null) {
            Latency.record(latency, arrivalNanos - intendedNanos.get(index));
        }
    }

    long received() {
        return received.sum();
    }

    /**
     * How often a report reached the given screen again after its first delivery. Its event id is the same, so the
     * gateway should never do that to a screen that stayed connected.
     */
    long duplicates(Screen screen) {
        BitSet screenSeen = seen[screen.number()];
        synchronized (screenSeen) {
            return duplicates[screen.number()];
        }
    }

    /** Accepted reports that never reached the given screen. */
    long missing(Screen screen, IntPredicate accepted) {
        BitSet screenSeen = seen[screen.number()];
        long missing = 0;
        synchronized (screenSeen) {
            for (int i = 0; i < intendedNanos.length(); i++) {
                if (accepted.test(i) && !screenSeen.get(i)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** When the report first appeared on any screen, or {@link Long#MAX_VALUE} if never. */
    long firstArrival(int index) {
        return firstArrival.get(index);
    }
}
