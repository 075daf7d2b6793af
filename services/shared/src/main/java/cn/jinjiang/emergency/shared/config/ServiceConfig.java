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

    interface Outbox {
        /** How often the relay looks for committed, unpublished events. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** How many pending events one relay pass publishes. */
        @WithDefault("100")
        int batchSize();

        /** How long one publication may wait for the broker's acknowledgement before the pass is retried. */
        @WithDefault("10s")
        Duration sendTimeout();
    }
}
