package cn.jinjiang.emergency.shared.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a consumer retries a batch it could not apply, and when it stops counting as ready. */
@ConfigMapping(prefix = "emergency.consumer")
public interface ConsumerSettings {

    /**
     * How long a consumer may go on failing to apply a batch (database away, say) before readiness reports it DOWN.
     * It keeps retrying after that; the first batch it applies reports it UP again.
     */
    @WithDefault("60s")
    Duration unhealthyAfter();

    /** The first wait before a failed batch is tried again; it doubles up to {@link #maxRetryDelay()}. */
    @WithDefault("200ms")
    Duration retryDelay();

    @WithDefault("5s")
    Duration maxRetryDelay();
}
