package cn.jinjiang.emergency.shared.mutualaid;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How requests for another bureau's units or stock are watched. */
@ConfigMapping(prefix = "emergency.mutual-aid")
public interface MutualAidSettings {

    /**
     * How often requests past their answer-by time are looked for (the service's mutual-aid-overdue event): a request
     * is told overdue at most this long after its time.
     */
    @WithDefault("30s")
    Duration checkEvery();
}
