package cn.jinjiang.emergency.gateway.screens;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many screens each user (a token's {@code sub}) holds open, up to a most: a wall of screens is a few dozen,
 * and a leaked token must not open thousands, each costing a snapshot and a place in every fan-out.
 */
final class ScreensPerUser {

    private final int most;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    ScreensPerUser(int most) {
        this.most = most;
    }

    int most() {
        return most;
    }

    /** Counts one more screen for the user, unless that would be more than the most. */
    boolean take(String user) {
        boolean[] taken = {false};
        open.compute(user, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= most) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    void release(String user) {
        open.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
    }
}
