package cn.jinjiang.emergency.shared.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How often a service reads the depth of the dead-letter topics it watches ({@link DeadLetterDepths}). */
@ConfigMapping(prefix = "emergency.dead-letters")
public interface DeadLetterSettings {

    /** Three cheap admin requests per topic; a dead letter waits for a person, so seconds of delay do not matter. */
    @WithDefault("15s")
    Duration checkEvery();
}
