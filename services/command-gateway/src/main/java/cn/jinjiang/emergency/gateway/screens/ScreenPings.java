package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Finds dead screens: a connection whose peer vanished (a screen switched off, a network cut) looks open to the
 * server until a write fails, which for a quiet picture may be never. Every screen is pinged each interval; one that
 * has not answered for two intervals is closed with {@link #NO_PONG}. Only a pong echoing one of its pings counts
 * ({@link PingEchoes#next()}): unsolicited pongs are no proof that a screen reads.
 */
@ApplicationScoped
public class ScreenPings {

    /** Close code (application range) for "you stopped answering pings". */
    public static final int NO_PONG = 4408;
    private static final Logger LOG = Logger.getLogger(ScreenPings.class);

    private final ScreenHub hub;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final ScreenCloser closer;
    private long timer = -1;

    public ScreenPings(ScreenHub hub, Vertx vertx, GatewayConfig config, ScreenCloser closer) {
        this.hub = hub;
        this.closer = closer;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        long interval = config.screen().pingInterval().toMillis();
        timer = vertx.setPeriodic(interval, tick -> round(interval));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void round(long intervalMillis) {
        long limit = 2 * intervalMillis * 1_000_000L;
        for (Screen screen : hub.all()) {
            screen.checkLag();
            if (screen.pings().nanosSincePong() > limit) {
                LOG.infof("Screen %s has not answered pings for %d ms: closing", screen.connection().id(),
                        screen.pings().nanosSincePong() / 1_000_000);
                closer.closeNow(screen.connection(), new CloseReason(NO_PONG, "no answer to ping"));
            } else {
                screen.connection().sendPing(screen.pings().next()).subscribe().with(sent -> { }, failure -> { });
            }
        }
    }
}
