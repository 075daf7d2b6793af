package cn.jinjiang.emergency.gateway.screens;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A screen's connection lives only as long as its token: it is closed with {@link #TOKEN_EXPIRED} when the token
 * expires, unless the screen has renewed it on the open connection before then.
 */
@ApplicationScoped
public class ScreenSessions {

    /** Close code (application range) for "your token expired": renew in time, or reconnect with a fresh token. */
    public static final int TOKEN_EXPIRED = 4401;
    private static final Logger LOG = Logger.getLogger(ScreenSessions.class);

    private final Vertx vertx;
    private final Map<String, Long> expiryTimers = new ConcurrentHashMap<>();

    private final ScreenCloser closer;

    public ScreenSessions(Vertx vertx, ScreenCloser closer) {
        this.vertx = vertx;
        this.closer = closer;
    }

    /** (Re)sets when the connection ends: at {@code expiresAt}, the expiry of the token it now holds. */
    public void expireAt(WebSocketConnection connection, Instant expiresAt) {
        long delay = Math.max(1, expiresAt.toEpochMilli() - System.currentTimeMillis());
        long timer = vertx.setTimer(delay, fired -> {
            expiryTimers.remove(connection.id());
            LOG.debugf("Screen %s: token expired, closing", connection.id());
            closer.closeNow(connection, new CloseReason(TOKEN_EXPIRED, "token expired"));
        });
        Long previous = expiryTimers.put(connection.id(), timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    public void ended(WebSocketConnection connection) {
        Long timer = expiryTimers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
