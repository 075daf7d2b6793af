package cn.jinjiang.emergency.gateway.screens;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An instance going away (a rolling update, a scale-down) tells its screens so before it stops: each is closed with
 * {@link #RESTARTING} (the WebSocket code for "service restart"), which a screen answers by reconnecting at once with
 * its last position, through the load balancer, to an instance that stays (operator.js, docs/gateway.md). Left to
 * the shutdown, the connections would simply drop, and screens would wait out their back-off first.
 */
@ApplicationScoped
public class ScreenDrain {

    /** RFC 6455's "Service Restart": the server is going away; reconnect. */
    public static final int RESTARTING = 1012;
    private static final Logger LOG = Logger.getLogger(ScreenDrain.class);
    /** How long the shutdown waits for the screens' closes; a screen that reads nothing never takes its close. */
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final ScreenHub hub;
    private final ScreenCloser closer;

    public ScreenDrain(ScreenHub hub, ScreenCloser closer) {
        this.hub = hub;
        this.closer = closer;
    }

    /**
     * At the start of the shutdown's delay ({@code quarkus.shutdown.delay}), while the feed still serves: by the
     * {@code ShutdownEvent} websockets-next has already closed the connections, with 1000 (OperatorEmulationIT saw it).
     */
    void stopping(@Observes ShutdownDelayInitiatedEvent stopping) {
        List<Uni<Void>> closes = drain();
        if (closes.isEmpty()) {
            return;
        }
        LOG.infof("Shutting down: %d screens told to resume elsewhere", closes.size());
        try {
            Uni.join().all(closes).andCollectFailures().await().atMost(WAIT);
        } catch (RuntimeException e) { // the wait's end, or a close that failed: the shutdown goes on
            LOG.infof("Shutting down: not every screen took its close within %s (%s)", WAIT, e.getMessage());
        }
    }

    /** Closes every open screen with {@link #RESTARTING}; the closes, each done once the screen has taken it. */
    List<Uni<Void>> drain() {
        List<Uni<Void>> closes = new ArrayList<>();
        for (Screen screen : hub.all()) {
            Uni<Void> close = closer.close(screen.connection(),
                    new CloseReason(RESTARTING, "instance stopping: resume elsewhere")).memoize().indefinitely();
            // Subscribed now, so the close goes out whether or not anyone waits for it.
            close.subscribe().with(done -> { }, failure -> { });
            closes.add(close);
        }
        return closes;
    }
}
