package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.picture.Position;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One open screen: what it is shown, where it stands (a {@link Position}, moved past every change it has been handed,
 * shown or filtered out) and how many of its messages are still on their way.
 * <p>
 * A screen is {@code JOINING} while its missed changes are read back after a resume: live changes are held (up to
 * the buffer) until the replay has been sent. {@code LIVE} screens are handed each change as it commits. A screen
 * with more than the buffer's worth of messages not yet written to its socket cannot keep up; it is moved to
 * {@code RESYNC}: its pending changes are dropped, it is told so with its position, and it is handed nothing more
 * until it asks to resume. Memory per screen is thereby bounded, and no screen waits for another.
 */
public final class Screen {

    enum State { JOINING, LIVE, RESYNC }

    private static final Logger LOG = Logger.getLogger(Screen.class);

    private final WebSocketConnection connection;
    private final int buffer;
    private final Runnable onResync;
    private final ArrayDeque<PreparedChange> held = new ArrayDeque<>();
    private ScreenFilter filter;
    private State state = State.JOINING;
    private Position position = Position.START;
    private long seq;
    private int pending;
    private volatile long lastPong = System.nanoTime();

    Screen(WebSocketConnection connection, ScreenFilter filter, int buffer, Runnable onResync) {
        this.connection = connection;
        this.filter = filter;
        this.buffer = buffer;
        this.onResync = onResync;
    }

    WebSocketConnection connection() {
        return connection;
    }

    synchronized State state() {
        return state;
    }

    synchronized Position position() {
        return position;
    }

    synchronized void filter(ScreenFilter narrowed) {
        filter = narrowed;
    }

    synchronized ScreenFilter filter() {
        return filter;
    }

    /** Starts live at a snapshot: {@code render} writes the snapshot message given its sequence number. */
    synchronized void startAt(Position snapshotPosition, java.util.function.LongFunction<String> render) {
        held.clear();
        state = State.LIVE;
        position = snapshotPosition;
        send(render.apply(++seq));
    }

    /** Starts a resume from {@code from}: live changes are held until {@link #replay} has run. */
    synchronized void joinFrom(Position from) {
        held.clear();
        state = State.JOINING;
        position = from;
    }

    /** Sends the missed changes, then the held ones, and goes live. */
    synchronized void replay(List<PreparedChange> missed, java.util.function.LongFunction<String> resumed) {
        send(resumed.apply(++seq));
        for (PreparedChange change : missed) {
            deliver(change);
        }
        state = State.LIVE;
        while (!held.isEmpty() && state == State.LIVE) {
            deliver(held.poll());
        }
    }

    /** A change just committed. */
    synchronized void offer(PreparedChange change) {
        switch (state) {
            case RESYNC -> { }
            case JOINING -> {
                if (held.size() >= buffer) {
                    resync();
                } else {
                    held.add(change);
                }
            }
            case LIVE -> deliver(change);
        }
    }

    private void deliver(PreparedChange change) {
        if (!position.precedes(change.source())) {
            // Already in the screen's snapshot or replay (or it resumed from an instance that was further on).
            return;
        }
        Position after = position.after(change.source());
        if (pending >= buffer) {
            resync();
            return;
        }
        position = after;
        String message = change.messageFor(filter, seq + 1, position);
        if (message != null) {
            seq++;
            send(message);
        }
    }

    private void resync() {
        LOG.infof("Screen %s cannot keep up (%d messages unwritten): told to resync from %s", connection.id(),
                pending, position);
        state = State.RESYNC;
        held.clear();
        send("{\"kind\":\"resync\",\"seq\":" + (++seq) + ",\"position\":\"" + position.token()
                + "\",\"detail\":\"too slow: send {\\\"resume\\\": \\\"<position>\\\"} or reconnect\"}");
        onResync.run();
    }

    /** Sends outside the change stream (renewal answers); counted like any other message. */
    synchronized void sendAside(String message) {
        send(message);
    }

    private void send(String message) {
        pending++;
        connection.sendText(message).subscribe().with(sent -> written(), failure -> written());
    }

    private synchronized void written() {
        pending--;
    }

    void ponged() {
        lastPong = System.nanoTime();
    }

    long nanosSincePong() {
        return System.nanoTime() - lastPong;
    }
}
