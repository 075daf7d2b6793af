package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Closes screens the gateway has done with, and makes sure they go. The close frame is queued behind what the screen
 * has not read yet: a screen that reads nothing (its receive window full of a snapshot) never gets it, the close never
 * completes, and the connection with its unwritten bytes would stay for ever, closed again each ping round. So a
 * screen still open {@code screen.close-grace} after it was told to go is cut off at the socket ({@link SocketAbort}).
 */
@ApplicationScoped
public class ScreenCloser {

    private static final Logger LOG = Logger.getLogger(ScreenCloser.class);

    private final Vertx vertx;
    private final long graceMillis;

    public ScreenCloser(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.graceMillis = Math.max(1, config.screen().closeGrace().toMillis());
    }

    /**
     * Sends {@code reason} and returns the close (for handlers that return it); the cut-off is set at once, so it
     * comes whether or not the close is ever subscribed to or completes.
     */
    Uni<Void> close(WebSocketConnection connection, CloseReason reason) {
        vertx.setTimer(graceMillis, fired -> {
            // Not isOpen(): a WebSocket counts as closed as soon as its close frame is queued, taken or not.
            if (SocketAbort.abort(connection)) {
                LOG.infof("Screen %s did not take its close (%d) within %d ms: connection reset", connection.id(),
                        reason.getCode(), graceMillis);
            }
        });
        return connection.close(reason);
    }

    /** {@link #close(WebSocketConnection, CloseReason)} for callers that do not wait for it. */
    void closeNow(WebSocketConnection connection, CloseReason reason) {
        close(connection, reason).subscribe().with(closed -> { },
                failure -> LOG.debugf("Screen %s: close failed: %s", connection.id(), failure));
    }
}
