package cn.jinjiang.emergency.gateway.screens;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Drops a screen's TCP connection outright. A WebSocket close is a frame queued behind whatever the connection has
 * not written yet, so a client that reads nothing never gets it and the close never completes; neither websockets-next
 * nor Vert.x's public API offers an abort. This is the one place that reaches into their internals for one:
 * <ul>
 *     <li>websockets-next keeps the Vert.x socket behind the package-private {@code WebSocketConnectionBase
 *     .webSocket()}, read here by reflection, and Vert.x Web wraps it ({@code ServerWebSocketWrapper}, unwrapped by
 *     its {@code delegate} field);</li>
 *     <li>Vert.x's server socket ({@code WebSocketInternal}) exposes its connection, an internal
 *     {@code ConnectionBase}, whose Netty channel is closed with {@code SO_LINGER} 0 by its {@code unsafe()} (past
 *     the pipeline's handlers): a reset, which drops the unwritten bytes instead of waiting for the peer to take
 *     them.</li>
 * </ul>
 * Should an upgrade change those internals, it falls back to the public {@link HttpConnection#close()} or
 * {@link WebSocketBase#close()} (which may wait behind the same bytes), or where even the socket cannot be reached, to
 * a warning: such a connection then stays until its peer goes, as it did before.
 */
final class SocketAbort {

    private static final Logger LOG = Logger.getLogger(SocketAbort.class);
    private static final Method WEB_SOCKET = webSocketAccessor();

    private SocketAbort() {
    }

    private static Method webSocketAccessor() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Cannot reach the Vert.x socket behind a screen (%s): stuck screens cannot be cut off", e);
            return null;
        }
    }

    /**
     * Vert.x Web hands websockets-next its own wrapper around the server socket (for forwarded headers); the
     * implementation underneath is its {@code delegate}.
     */
    private static Object unwrap(Object socket) throws ReflectiveOperationException {
        for (int depth = 0; depth < 4 && socket != null && !(socket instanceof WebSocketInternal); depth++) {
            Field delegate = delegateField(socket.getClass());
            if (delegate == null) {
                break;
            }
            socket = delegate.get(socket);
        }
        return socket;
    }

    private static Field delegateField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (WebSocketBase.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    return field;
                }
            }
        }
        return null;
    }

    /**
     * Resets the connection under {@code connection} if its socket is still connected; whether it did. Call on any
     * thread. The fallbacks close (gracefully) and report false.
     */
    static boolean abort(WebSocketConnection connection) {
        try {
            if (WEB_SOCKET == null || !(unwrap(WEB_SOCKET.invoke(connection)) instanceof WebSocketBase socket)) {
                return false;
            }
            if (!(socket instanceof WebSocketInternal internal)) {
                if (!socket.isClosed()) {
                    socket.close();
                }
                return false;
            }
            HttpConnection http = internal.connection();
            if (http instanceof ConnectionBase base) {
                Channel channel = base.channel();
                if (!channel.isActive()) {
                    return false;
                }
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                // Not channel.close(): that runs down the pipeline, where a WebSocket handler holds it until the
                // close frame is written. The channel's own close (on its event loop) closes the socket outright.
                channel.eventLoop().execute(() -> channel.unsafe().close(channel.unsafe().voidPromise()));
                return true;
            }
            http.close();
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Screen %s: cannot cut off its connection: %s", connection.id(), e);
            return false;
        }
    }
}
