package cn.jinjiang.emergency.gateway.screens;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

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
    /** How long the shutdown waits for the screens to take their close. */
    private static final long WAIT_MILLIS = 3_000;

    private final ScreenHub hub;
    private final ScreenCloser closer;

    public ScreenDrain(ScreenHub hub, ScreenCloser closer) {
        this.hub = hub;
        this.closer = closer;
    }

    /** Before the feed's connections are torn down by the shutdown itself. */
    void stopping(@Observes @Priority(1) ShutdownEvent stopping) {
        int screens = drain();
        if (screens > 0) {
            LOG.infof("Shutting down: %d screens told to resume elsewhere", screens);
            awaitClosed(WAIT_MILLIS);
        }
    }

    /** Closes every open screen with {@link #RESTARTING}; how many there were. */
    int drain() {
        int screens = 0;
        for (Screen screen : hub.all()) {
            closer.closeNow(screen.connection(), new CloseReason(RESTARTING, "instance stopping: resume elsewhere"));
            screens++;
        }
        return screens;
    }

    private void awaitClosed(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!hub.all().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
