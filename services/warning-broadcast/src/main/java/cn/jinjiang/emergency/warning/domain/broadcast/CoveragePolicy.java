package cn.jinjiang.emergency.warning.domain.broadcast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The two reach figures' targets, and when and how often a warning's reach is announced. The targets are the plans'
 * (a warning reaches 92 % of the public over every channel; the loudspeaker network covers 90 % of each area's
 * population) and stay configuration, for the bureaus to change.
 */
@ConfigMapping(prefix = "emergency.warning.coverage")
public interface CoveragePolicy {

    /** How long after issue the broadcast should have reached the target. */
    @WithDefault("PT15M")
    Duration deadline();

    @WithDefault("5s")
    Duration checkEvery();

    /** A warning's public reach over every channel, in percent of its areas' population. */
    @WithDefault("92")
    double reachTarget();

    /** The loudspeaker network's coverage of each area's population, in percent. */
    @WithDefault("90")
    double networkTarget();

    default Targets targets() {
        return new Targets(reachTarget(), networkTarget());
    }

    /** The two targets, as a coverage is worked out against them. */
    record Targets(double reach, double network) {
    }
}
