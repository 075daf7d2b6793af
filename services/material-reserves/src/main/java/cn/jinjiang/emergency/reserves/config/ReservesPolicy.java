package cn.jinjiang.emergency.reserves.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the reserves allocate, estimate arrivals, rotate and announce stock. */
@ConfigMapping(prefix = "emergency.reserves")
public interface ReservesPolicy {

    /** Affected people receive basic living relief within this time of the disaster (the plans' 10 hours). */
    @WithDefault("PT10H")
    Duration reliefTarget();

    /** Average road speed of a relief lorry, for arrival estimates (straight-line distance × road factor). */
    @WithDefault("35")
    double roadSpeedKmh();

    /** Road distance over straight-line distance. */
    @WithDefault("1.3")
    double roadFactor();

    /** Loading and departure at a warehouse before a lorry is on the road. */
    @WithDefault("PT45M")
    Duration loadingTime();

    /** Lots expiring within this window are listed for rotation and announced once. */
    @WithDefault("P30D")
    Duration rotationWindow();

    @WithDefault("PT1H")
    Duration rotationCheckEvery();

    /** How often stock changes are gathered into reserve.stock-changed announcements. */
    @WithDefault("PT1S")
    Duration announceEvery();

    /**
     * How many times an allocation is planned again, side by side with others, after another took the lots it chose;
     * the attempt after that holds its items alone and cannot lose.
     */
    @WithDefault("3")
    int optimisticAttempts();

    /**
     * The most allocations made together in one transaction. Allocations arriving while a round is in its transaction
     * wait for the next; under load a round gathers many, so the database sees one read of free stock, one update of
     * the lots and one commit for all of them.
     */
    @WithDefault("128")
    int roundSize();

    /** The most item lines one allocation may ask for. */
    @WithDefault("50")
    int maxLinesPerAllocation();
}
