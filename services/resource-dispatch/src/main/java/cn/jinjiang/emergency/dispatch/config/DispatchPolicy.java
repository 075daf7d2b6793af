package cn.jinjiang.emergency.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How dispatch recommends and assigns units. */
@ConfigMapping(prefix = "emergency.dispatch")
public interface DispatchPolicy {

    /** Air response: a helicopter is offered only within this radius of its base and this estimated arrival. */
    Air air();

    /** The most units one assignment request may send; a larger call is several decisions, made one by one. */
    @WithDefault("20")
    int maxUnitsPerAssignment();

    /**
     * How often every instance rebuilds its recommendation index from the database, as a safety net under the
     * change notifications that keep it current (one missed while the listener reconnected is repaired by then).
     */
    @WithDefault("PT5M")
    Duration indexResyncEvery();

    /** How the registry is announced on dispatch-events (unit.listed). */
    Listing listing();

    /** How position reports are published (unit.position-changed). */
    Positions positions();

    interface Positions {

        /**
         * At most one unit.position-changed per unit within this interval: a terminal reporting every second would
         * otherwise put a record per second per unit on dispatch-events and a change on every screen. The latest
         * position reported in the interval is the one published, once it is over.
         */
        @WithDefault("5s")
        Duration coalesceWithin();

        /** How often units whose latest position is still to be published are looked for. */
        @WithDefault("1s")
        Duration checkEvery();

        /** At most this many units are published in one pass; the rest go in the next. */
        @WithDefault("500")
        int batchSize();
    }

    interface Listing {

        /** How often the registry is checked for units not yet announced. */
        @WithDefault("5s")
        Duration announceEvery();

        /** At most this many units are announced in one transaction; the rest go in the next pass. */
        @WithDefault("200")
        int announceBatchSize();
    }

    interface Air {
        @WithDefault("100")
        double radiusKm();

        @WithDefault("PT2H")
        Duration response();
    }
}
