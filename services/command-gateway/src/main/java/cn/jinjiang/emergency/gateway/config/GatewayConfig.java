package cn.jinjiang.emergency.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The live picture's boundary towards screens, how long it keeps closed incidents and its change log. */
@ConfigMapping(prefix = "emergency.gateway")
public interface GatewayConfig {

    /**
     * Origins whose pages may open the live feed. A browser always sends its page's Origin with a WebSocket upgrade,
     * so another site's page cannot ride on a screen's credentials; clients that send no Origin (not browsers) pass.
     */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
    List<String> allowedOrigins();

    /**
     * This instance's name, in its consumer groups' names (env {@code GATEWAY_INSTANCE}; a fresh UUID each start by
     * default). Every instance reads every partition, so no two instances may share a group.
     */
    String instance();

    /**
     * Start from an empty picture and read every topic from its start (env
     * {@code EMERGENCY_GATEWAY_REBUILD_AT_START=true}): the rebuild command. Screens connected meanwhile see the
     * picture fill up.
     */
    @WithDefault("false")
    boolean rebuildAtStart();

    /**
     * How long an incident stays on the picture after it was closed (or merged into another), counted from its last
     * change: then it leaves the picture with everything kept under it (report chain, assignments, allocations), so
     * that the picture holds what is going on rather than every incident ever reported.
     */
    @WithDefault("PT24H")
    Duration closedRetention();

    /** How often the picture is checked for closed incidents past {@link #closedRetention()}. */
    @WithDefault("PT1M")
    Duration closedCheckEvery();

    Screens screen();

    IncidentItems incident();

    ChangeLog changeLog();

    PictureReads pictureReads();

    interface Screens {

        /**
         * How long a message may wait unwritten to a screen's socket before the screen is told to resync: a healthy
         * screen drains a burst well within it, a stalled one never does.
         */
        @WithDefault("5s")
        Duration maxLag();

        /** Bytes that may wait for one screen before it is told to resync: the bound on what a slow screen costs. */
        @WithDefault("8388608")
        long maxUnwrittenBytes();

        /**
         * Most missed changes a resume replays (a screen further behind gets a snapshot, which is smaller); also the
         * most live changes held for a screen while its replay is read.
         */
        @WithDefault("500")
        int maxReplay();

        /** How often every screen is pinged; one that has not answered for two intervals is closed. */
        @WithDefault("20s")
        Duration pingInterval();

        /**
         * Shortest time between two resumes of one screen: a resume may cost a whole snapshot, and a screen that asks
         * for more is closed (1008) rather than let it keep the event loops busy rendering them.
         */
        @WithDefault("5s")
        Duration minResumeInterval();

        /**
         * Most screens open at once for one user (the token's {@code sub}): a command centre's wall has a few dozen,
         * and one leaked or stolen token cannot open thousands. The screen over the limit is closed (1008).
         */
        @WithDefault("50")
        int maxPerUser();

        /**
         * How long a screen the gateway closed may take to go. A screen that reads nothing never gets its close frame
         * (it waits behind what the screen has not read), so past this its connection is reset at the socket.
         */
        @WithDefault("5s")
        Duration closeGrace();

        /**
         * How many screens' snapshots are written at once; the others wait their turn (handed nothing meanwhile). A
         * snapshot of 10,000 open incidents is some 20 MB in the socket's buffer until written, so this bounds that
         * memory when a whole wall of screens joins together. A turn ends when the snapshot is written, the screen
         * closes, or after {@code max-lag}.
         */
        @WithDefault("4")
        int snapshotsAtOnce();

        /**
         * How long a snapshot made for one filter is shared by the screens with that filter that join after it; they
         * are handed the changes since from the recent ones. 0 makes every join a snapshot of its own.
         */
        @WithDefault("2s")
        Duration snapshotReuse();
    }

    interface PictureReads {

        /**
         * Most {@code GET /api/picture} reads served at once; one more is answered 503 with Retry-After. Each page is
         * built and written to JSON in memory, so unbounded readers of a large picture ran the server out of direct
         * buffer memory and held the small polls up behind them.
         */
        @WithDefault("4")
        int maxConcurrent();
    }

    /**
     * How big an incident's item may grow. Every change writes, stores and sends the item whole, so an item that
     * grows with its report chain makes a busy incident cost more with each report (6,500 follow-ups made a 2.9 MB item
     * and took the gateway down); the whole chain is intake's, read a page at a time.
     */
    interface IncidentItems {

        /** How many of the newest reports the item carries besides the counts. */
        @WithDefault("5")
        int recentReports();

        /** The most an incident's item may take as JSON (UTF-8 bytes); past it, the oldest lines are left out. */
        @WithDefault("16384")
        int maxItemBytes();
    }

    interface ChangeLog {

        /** How long changes are kept for screens to resume from. */
        @WithDefault("24h")
        Duration retention();

        @WithDefault("10m")
        Duration purgeInterval();
    }
}
