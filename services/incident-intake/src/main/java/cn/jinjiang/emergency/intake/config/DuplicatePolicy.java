package cn.jinjiang.emergency.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * When a first report may be about an incident already known: an open incident of the same type that occurred within
 * {@link #within()} of it and {@link #distanceMeters()} of its location. Such reports are linked, never dropped; a
 * commander decides whether to merge them.
 */
@ConfigMapping(prefix = "emergency.intake.duplicates")
public interface DuplicatePolicy {

    @WithDefault("1000")
    double distanceMeters();

    @WithDefault("PT3H")
    Duration within();

    /**
     * The most incidents one report is linked to, the nearest first. In a typhoon dozens of reports come from one
     * street; linking each to every other would make every report slower than the last.
     */
    @WithDefault("5")
    int maxLinks();
}
