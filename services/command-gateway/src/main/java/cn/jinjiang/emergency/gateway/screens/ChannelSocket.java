package cn.jinjiang.emergency.gateway.screens;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

/**
 * A screen's messages written as WebSocket frames where Vert.x writes its own ({@link ConnectionInternals}), so they
 * pass the same encoders (and compression, where a client asked for it). websockets-next's {@code sendText} turns
 * every message into a String and a frame of its own and flushes each: with hundreds of screens that was most of the
 * gateway's CPU. Here one change's bytes are encoded once and wrapped (not copied) per screen, and a screen's socket
 * is flushed once per run of its event loop's queued tasks, not once per message (or as soon as 64 KiB wait).
 * <p>
 * Messages longer than {@link #FRAGMENT} (a snapshot) go as fragments of that size, as Vert.x sends them, so no
 * client needs a larger frame than it does now. Writes made off the event loop are moved onto it, after the ones
 * already there, so the order they were made in is kept.
 */
final class ChannelSocket implements ScreenSocket {

    static final int FRAGMENT = 65_536;
    /** Written but not yet flushed beyond this, a socket is flushed at once (Netty's default high-water mark). */
    static final int FLUSH_BYTES = 65_536;
    private static final Logger LOG = Logger.getLogger(ChannelSocket.class);

    private final ChannelHandlerContext context;
    /** Set while a flush is queued on the event loop; only touched there, as is {@link #unflushed}. */
    private boolean flushQueued;
    /** Bytes written since the last flush. */
    private int unflushed;

    private ChannelSocket(ChannelHandlerContext context) {
        this.context = context;
    }

    /** The connection's channel socket, or null where the channel cannot be reached. */
    static ChannelSocket of(WebSocketConnection connection) {
        ChannelHandlerContext context = ConnectionInternals.context(connection);
        return context == null ? null : new ChannelSocket(context);
    }

    @Override
    public void send(ScreenText message, Runnable done) {
        if (context.executor().inEventLoop()) {
            write(message, done);
        } else {
            context.executor().execute(() -> write(message, done));
        }
    }

    private void write(ScreenText message, Runnable done) {
        try {
            writeFrames(message, done);
        } catch (RuntimeException e) {
            // A write refused outright (the channel torn down under it) must not stop the screens after it.
            LOG.debugf("Screen channel %s: a message could not be written: %s", context.channel().id(), e);
            done.run();
        }
    }

    private void writeFrames(ScreenText message, Runnable done) {
        ChannelPromise written = context.newPromise();
        written.addListener(future -> done.run());
        byte[] bytes = message.bytes();
        if (bytes.length <= FRAGMENT) {
            context.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)), written);
        } else {
            for (int start = 0; start < bytes.length; start += FRAGMENT) {
                int length = Math.min(FRAGMENT, bytes.length - start);
                boolean last = start + length == bytes.length;
                ByteBuf part = Unpooled.wrappedBuffer(bytes, start, length);
                WebSocketFrame frame = start == 0 ? new TextWebSocketFrame(false, 0, part)
                        : new ContinuationWebSocketFrame(last, 0, part);
                context.write(frame, last ? written : context.newPromise());
            }
        }
        unflushed += bytes.length;
        if (unflushed >= FLUSH_BYTES) {
            // A burst of large messages goes out as it is written, not all at the end of the loop's run: held
            // back, megabytes would count against the screen's backlog bound as if it could not keep up.
            flushNow();
        } else if (!flushQueued) {
            flushQueued = true;
            context.executor().execute(this::flush);
        }
    }

    private void flush() {
        flushQueued = false;
        flushNow();
    }

    private void flushNow() {
        unflushed = 0;
        context.flush();
    }
}
