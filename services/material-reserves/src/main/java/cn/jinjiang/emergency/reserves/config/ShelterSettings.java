package cn.jinjiang.emergency.reserves.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How shelters are announced and shown. */
@ConfigMapping(prefix = "emergency.reserves.shelters")
public interface ShelterSettings {

    /** How often the register is checked for shelters not yet announced as shelter.listed. */
    @WithDefault("5s")
    Duration announceEvery();

    /** At most this many shelters are announced in one transaction; the rest go in the next pass. */
    @WithDefault("200")
    int announceBatchSize();

    /** How much of a shelter's history its own page shows, newest last. */
    @WithDefault("500")
    int historySize();
}
