package cn.jinjiang.emergency.gateway.screens;

import io.netty.channel.ChannelHandlerContext;
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
 * The one place that reaches below websockets-next to a screen's Vert.x socket and its Netty channel, which the
 * screens need twice and neither websockets-next nor Vert.x offers publicly: to write one change's bytes to hundreds
 * of sockets without turning them into a String and a frame of their own per socket ({@link ChannelSocket}), and to
 * drop a connection outright ({@link SocketAbort}).
 * <ul>
 *     <li>websockets-next keeps the Vert.x socket behind the package-private {@code WebSocketConnectionBase
 *     .webSocket()}, read here by reflection, and Vert.x Web wraps it ({@code ServerWebSocketWrapper}, unwrapped by
 *     its {@code delegate} field);</li>
 *     <li>Vert.x's server socket ({@code WebSocketInternal}) exposes its connection, an internal
 *     {@code ConnectionBase}, whose handler context is where Vert.x itself writes its frames.</li>
 * </ul>
 * Should an upgrade change those internals, each caller has a public fallback, and a warning says so once.
 */
final class ConnectionInternals {

    private static final Logger LOG = Logger.getLogger(ConnectionInternals.class);
    private static final Method WEB_SOCKET = webSocketAccessor();

    private ConnectionInternals() {
    }

    private static Method webSocketAccessor() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Cannot reach the Vert.x socket behind a screen (%s): screens are written through "
                    + "websockets-next, and stuck screens cannot be cut off", e);
            return null;
        }
    }

    /** The Vert.x socket under the connection, or null where it cannot be reached. */
    static WebSocketBase socket(WebSocketConnection connection) {
        try {
            return WEB_SOCKET != null && unwrap(WEB_SOCKET.invoke(connection)) instanceof WebSocketBase socket
                    ? socket : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Screen %s: its socket cannot be reached: %s", connection.id(), e);
            return null;
        }
    }

    /** The Vert.x connection under the socket, or null where it is not the server socket Vert.x makes. */
    static ConnectionBase connection(WebSocketBase socket) {
        if (socket instanceof WebSocketInternal internal) {
            HttpConnection http = internal.connection();
            return http instanceof ConnectionBase base ? base : null;
        }
        return null;
    }

    /** Where Vert.x writes the connection's frames (toward the WebSocket encoder), or null where it cannot be reached. */
    static ChannelHandlerContext context(WebSocketConnection connection) {
        ConnectionBase base = connection(socket(connection));
        return base == null ? null : base.channelHandlerContext();
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
}
