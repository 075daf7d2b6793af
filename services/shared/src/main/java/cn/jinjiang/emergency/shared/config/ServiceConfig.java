package cn.jinjiang.emergency.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings every service shares: its name (the CloudEvents source) and how its outbox relay behaves. */
@ConfigMapping(prefix = "emergency.service")
public interface ServiceConfig {

    /** Service name, e.g. incident-intake. */
    String name();

    /** The PostgreSQL database the service owns. */
    String database();

    Outbox outbox();

    /**
     * How long an Idempotency-Key is remembered: longer than a phone stays offline before it retries (a day), so a
     * late retry still finds its first answer. Purged on the outbox's purge interval.
     */
    @WithDefault("P7D")
    Duration idempotencyKeyRetention();

    /**
     * How long a consumed event's line stays in the consumer log (processed_event), which turns its second delivery
     * into a no-op: longer than the topics keep records (7 days), so no event can arrive again after its line is gone.
     * Purged on the outbox's purge interval.
     */
    @WithDefault("P30D")
    Duration consumerLogRetention();

    interface Outbox {
        /**
         * Safety net only: a commit that adds outbox rows wakes the relay at once, so this pass only matters for rows
         * whose instance stopped between its commit and its relay's pass.
         */
        @WithDefault("5s")
        Duration pollInterval();

        /** How soon a relay woken while another instance's pass holds the relay lock tries again. */
        @WithDefault("25ms")
        Duration lockRetry();

        /** How many pending events one relay pass publishes, all in flight at once. */
        @WithDefault("200")
        int batchSize();

        /** How long one publication may wait for the broker's acknowledgement before it counts as failed. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** First wait before a failed pass is tried again; it doubles up to {@link #maxRetryDelay()}. */
        @WithDefault("250ms")
        Duration retryDelay();

        @WithDefault("5s")
        Duration maxRetryDelay();

        /** Published events are kept this long for audit and replay, then purged. */
        @WithDefault("P7D")
        Duration retention();

        /** How often published events past their retention are purged. */
        @WithDefault("1h")
        Duration purgeInterval();

        /** Rows deleted per statement while purging, so a purge never holds many locks or a long transaction. */
        @WithDefault("1000")
        int purgeBatchSize();
    }
}
