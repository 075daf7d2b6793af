package cn.jinjiang.emergency.shared.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls for an outcome that arrives asynchronously (through Kafka), failing with a message when it never does. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(BooleanSupplier outcome, Duration timeout, String description) {
        Instant deadline = Instant.now().plus(timeout);
        while (!outcome.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(description + " did not happen within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
