package cn.jinjiang.emergency.shared.problem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API request slots of one service: at most {@code total} open at once, and at most {@code perPrincipal} of them
 * held by one principal, so that a single client (a runaway script, a phone app retrying in a loop, or a caller who
 * sends headers and never the body) cannot take them all from everybody else. A principal's count is dropped when it
 * reaches zero, so the map never holds more names than there are open requests.
 */
final class RequestSlots {

    enum Admission { ADMITTED, PRINCIPAL_FULL, SERVICE_FULL }

    private final int total;
    private final int perPrincipal;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> byPrincipal = new ConcurrentHashMap<>();

    RequestSlots(int total, int perPrincipal) {
        this.total = total;
        this.perPrincipal = perPrincipal;
    }

    int perPrincipal() {
        return perPrincipal;
    }

    /** Takes a slot for the principal, or says which limit is reached; an admitted request must be {@link #release}d. */
    Admission take(String principal) {
        boolean[] taken = new boolean[1];
        // compute is atomic per key, so concurrent requests of one principal cannot both take its last slot.
        byPrincipal.compute(principal, (name, count) -> {
            int held = count == null ? 0 : count;
            if (held >= perPrincipal) {
                return count;
            }
            taken[0] = true;
            return held + 1;
        });
        if (!taken[0]) {
            return Admission.PRINCIPAL_FULL;
        }
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            giveBack(principal);
            return Admission.SERVICE_FULL;
        }
        return Admission.ADMITTED;
    }

    void release(String principal) {
        open.decrementAndGet();
        giveBack(principal);
    }

    private void giveBack(String principal) {
        byPrincipal.computeIfPresent(principal, (name, count) -> count <= 1 ? null : count - 1);
    }
}
