package cn.jinjiang.emergency.gateway.screens;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.net.impl.ConnectionBase;
import org.jboss.logging.Logger;

/**
 * Drops a screen's TCP connection outright. A WebSocket close is a frame queued behind whatever the connection has
 * not written yet, so a client that reads nothing never gets it and the close never completes; neither websockets-next
 * nor Vert.x's public API offers an abort. The Netty channel (reached by {@link ConnectionInternals}) is closed with
 * {@code SO_LINGER} 0 by its {@code unsafe()} (past the pipeline's handlers): a reset, which drops the unwritten bytes
 * instead of waiting for the peer to take them.
 * <p>
 * Should an upgrade change those internals, it falls back to the public {@link HttpConnection#close()} or
 * {@link WebSocketBase#close()} (which may wait behind the same bytes), or where even the socket cannot be reached, to
 * a warning: such a connection then stays until its peer goes, as it did before.
 */
final class SocketAbort {

    private static final Logger LOG = Logger.getLogger(SocketAbort.class);

    private SocketAbort() {
    }

    /**
     * Resets the connection under {@code connection} if its socket is still connected; whether it did. Call on any
     * thread. The fallbacks close (gracefully) and report false.
     */
    static boolean abort(WebSocketConnection connection) {
        try {
            WebSocketBase socket = ConnectionInternals.socket(connection);
            if (socket == null) {
                return false;
            }
            ConnectionBase base = ConnectionInternals.connection(socket);
            if (base == null) {
                if (!socket.isClosed()) {
                    socket.close();
                }
                return false;
            }
            Channel channel = base.channel();
            if (!channel.isActive()) {
                return false;
            }
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            // Not channel.close(): that runs down the pipeline, where a WebSocket handler holds it until the close
            // frame is written. The channel's own close (on its event loop) closes the socket outright.
            channel.eventLoop().execute(() -> channel.unsafe().close(channel.unsafe().voidPromise()));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Screen %s: cannot cut off its connection: %s", connection.id(), e);
            return false;
        }
    }
}
