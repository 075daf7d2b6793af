package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One open screen: what it is shown, where it stands (a {@link Position}, moved past every change it has been handed,
 * shown or filtered out) and how many of its messages are still on their way.
 * <p>
 * A screen is {@code WAITING} until its turn to join comes (a snapshot of thousands of incidents is large, and only
 * a few are written at once): it is handed nothing meanwhile. It is {@code JOINING} from the moment its snapshot's
 * place (or the position it resumes from) is fixed until that and the changes it missed have been sent: live changes
 * are held (up to {@code maxHeld}) meanwhile. {@code LIVE} screens are handed each change as it commits.
 * <p>
 * A screen cannot keep up when a message handed to it has not been written to its socket for {@code maxLag}, or when
 * more than {@code maxUnwritten} bytes wait for it (the snapshot it joined with aside). A burst of changes is handed
 * to every screen at once, so a healthy screen may briefly have much waiting; what marks a stalled one is that its
 * oldest message stops moving. It is then moved to {@code RESYNC}: its held changes are dropped, it is told so with
 * its position, and it is handed nothing more until it asks to resume (or is closed for not answering pings). Memory
 * per screen is thereby bounded, and no screen waits for another: sending never blocks.
 */
public final class Screen {

    enum State { WAITING, JOINING, LIVE, RESYNC }

    private static final Logger LOG = Logger.getLogger(Screen.class);
    private static final int PING_BYTES = 8;
    private static final SecureRandom PINGS = new SecureRandom();

    private final WebSocketConnection connection;
    /** The connection's event loop: changes are handed to the screen there. */
    private final Context loop;
    private final Limits limits;
    private final Runnable onResync;
    private final ArrayDeque<PreparedChange> held = new ArrayDeque<>();
    /** Fixed for the screen's life: a renewal keeps the holder ({@link ScreenHolder}), so its area bound too. */
    private final ScreenFilter filter;
    private State state = State.WAITING;
    private Position position = Position.START;
    /**
     * The number of the last change the screen has been handed ({@link PreparedChange#number}) when it joined at a
     * snapshot that names one, else 0: from a snapshot, held changes and those read back from the recent ones may
     * overlap, and the number tells them apart exactly, removals (which have no position) included.
     */
    private long number;
    private long seq;
    /**
     * Per message handed to the socket and not yet written: when it was handed over, its length, and 1 for the
     * message a join starts with (its snapshot).
     */
    private final ArrayDeque<long[]> unwritten = new ArrayDeque<>();
    private long unwrittenBytes;
    /** The part of {@link #unwrittenBytes} that is the join's first message, not yet written. */
    private long joinBytes;
    /** From {@link #joinFrom} until {@link #replay} has handed over what the join starts with. */
    private boolean joinPending;
    /** Run once the message a join starts with is written, or the screen closes: the join's turn is over. */
    private Runnable joinWritten;
    /** A resume asked for while a join was on its way, run once that is written; only the latest is kept. */
    private Runnable deferredResume;
    private long lastResume;
    private byte[] ping;
    private byte[] previousPing;
    private volatile long lastPong = System.nanoTime();

    /**
     * When a screen counts as unable to keep up, how many changes it is held while it joins, and how often it may
     * resume.
     */
    record Limits(long maxLagNanos, long maxUnwrittenBytes, int maxHeld, long minResumeNanos) {

        Limits(long maxLagNanos, long maxUnwrittenBytes, int maxHeld) {
            this(maxLagNanos, maxUnwrittenBytes, maxHeld, 0);
        }
    }

    Screen(WebSocketConnection connection, Context loop, ScreenFilter filter, Limits limits, Runnable onResync) {
        this.connection = connection;
        this.loop = loop;
        this.filter = filter;
        this.limits = limits;
        this.onResync = onResync;
    }

    WebSocketConnection connection() {
        return connection;
    }

    Context loop() {
        return loop;
    }

    ScreenFilter filter() {
        return filter;
    }

    /** Joins at {@code from}: live changes are held until {@link #replay} has sent what comes first. */
    synchronized void joinFrom(Position from) {
        joinFrom(from, 0);
    }

    /**
     * Joins at a snapshot that holds the changes up to {@code number} (0: not known, a resume from a position): live
     * changes are held until {@link #replay} has sent what comes first.
     */
    synchronized void joinFrom(Position from, long number) {
        held.clear();
        state = State.JOINING;
        position = from;
        this.number = number;
        joinPending = true;
    }

    /** Waits for its turn to join: handed nothing meanwhile. */
    synchronized void waitToJoin() {
        held.clear();
        state = State.WAITING;
        // A resume asked for meanwhile waits for this join (deferResume), as one asked for while it is written does.
        joinPending = true;
    }

    /**
     * Whether a resume must wait; if so, {@code resume} is kept and runs once the join on its way (its snapshot,
     * typically) has been written, and a later resume replaces a kept one. So a screen that resumes again and again
     * without reading holds one snapshot at most, not one per resume.
     */
    synchronized boolean deferResume(Runnable resume) {
        if (joinPending || joinBytes > 0) {
            deferredResume = resume;
            return true;
        }
        return false;
    }

    /** Whether the screen may resume now (at most once per {@code minResumeNanos}); counts the resume if so. */
    synchronized boolean mayResume() {
        long now = System.nanoTime();
        if (lastResume != 0 && now - lastResume < limits.minResumeNanos()) {
            return false;
        }
        lastResume = now;
        return true;
    }

    /** Sends {@code first} (a snapshot, or the resume's notice), the missed changes, then the held ones; goes live. */
    void replay(List<PreparedChange> missed, LongFunction<String> first) {
        replay(missed, first, null);
    }

    /** As {@link #replay(List, LongFunction)}; {@code whenWritten} runs once {@code first} is written or the screen closes. */
    void replay(List<PreparedChange> missed, LongFunction<String> first, Runnable whenWritten) {
        boolean sent;
        synchronized (this) {
            joinWritten = whenWritten;
            sent = replayNow(missed, first);
        }
        if (!sent) {
            closed();
        }
    }

    private boolean replayNow(List<PreparedChange> missed, LongFunction<String> first) {
        boolean sent = send(first.apply(++seq), true);
        joinPending = false;
        for (PreparedChange change : missed) {
            deliver(change);
        }
        if (state != State.RESYNC) {
            state = State.LIVE;
        }
        while (!held.isEmpty() && state == State.LIVE) {
            deliver(held.poll());
        }
        if (joinBytes == 0 && deferredResume != null) {
            // Its first message is already written (or the connection is gone): nothing left to wait for.
            Runnable resume = deferredResume;
            deferredResume = null;
            later(resume);
        }
        return sent;
    }

    /** A change just committed. */
    synchronized void offer(PreparedChange change) {
        switch (state) {
            case WAITING, RESYNC -> { }
            case JOINING -> {
                if (held.size() >= limits.maxHeld()) {
                    resync();
                } else {
                    held.add(change);
                }
            }
            case LIVE -> deliver(change);
        }
    }

    private void deliver(PreparedChange change) {
        if (state == State.RESYNC) {
            // Told to resync during a replay: nothing more is handed to it, nor is it told twice.
            return;
        }
        if (number > 0 && change.number() > 0) {
            if (change.number() <= number) {
                // Already in the screen's snapshot, or handed to it among the recent changes it joined with.
                return;
            }
        } else if (change.source() != null && !position.precedes(change.source())) {
            // Already in the screen's snapshot or replay (or it resumed from an instance that was further on).
            return;
        }
        if (lagging()) {
            resync();
            return;
        }
        if (change.source() != null) {
            position = change.positionAfter(position);
        }
        if (change.number() > 0) {
            number = change.number();
        }
        String message = change.messageFor(filter, seq + 1, position);
        if (message != null) {
            seq++;
            send(message);
        }
    }

    /**
     * The snapshot a join starts with is the whole picture the screen may see: with thousands of open incidents it is
     * larger than {@code maxUnwritten} and takes longer than {@code maxLag} to write, and counting it would resync
     * every screen as it joins, for ever. So the bound is on what waits beside that one snapshot: a screen never has
     * two joins on their way ({@link #deferResume}), so it holds one snapshot plus {@code maxUnwritten} at most, and
     * a screen that reads nothing at all is closed for not answering pings.
     */
    private boolean lagging() {
        long[] oldest = unwritten.peek();
        return oldest != null && ((oldest[2] == 0 && System.nanoTime() - oldest[0] > limits.maxLagNanos())
                || unwrittenBytes - joinBytes > limits.maxUnwrittenBytes());
    }

    /** Checked every ping interval as well: a stalled screen may be handed nothing new for a while. */
    synchronized void checkLag() {
        if (state == State.LIVE && lagging()) {
            resync();
        }
    }

    private void resync() {
        LOG.infof("Screen %s cannot keep up (%d messages, %d bytes unwritten): told to resync from %s",
                connection.id(), unwritten.size(), unwrittenBytes, position);
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
        send(message, false);
    }

    /** Whether the message was handed to the socket. */
    private boolean send(String message, boolean join) {
        if (!connection.isOpen()) {
            // Closing: its close handler removes it from the hub; nothing more is written to it.
            return false;
        }
        unwritten.add(new long[]{System.nanoTime(), message.length(), join ? 1 : 0});
        unwrittenBytes += message.length();
        if (join) {
            joinBytes += message.length();
        }
        connection.sendText(message).subscribe().with(sent -> written(), failure -> written());
        return true;
    }

    /** The screen closed: a join's turn it holds is over. */
    void closed() {
        Runnable done;
        synchronized (this) {
            done = joinWritten;
            joinWritten = null;
        }
        if (done != null) {
            done.run();
        }
    }

    /** A connection's writes complete in the order they were made. */
    private void written() {
        Runnable resume = null;
        Runnable turnOver = null;
        synchronized (this) {
            long[] oldest = unwritten.poll();
            if (oldest != null) {
                unwrittenBytes -= oldest[1];
                if (oldest[2] == 1) {
                    joinBytes -= oldest[1];
                    turnOver = joinWritten;
                    joinWritten = null;
                }
            }
            if (joinBytes == 0 && !joinPending && deferredResume != null) {
                resume = deferredResume;
                deferredResume = null;
            }
        }
        if (turnOver != null) {
            turnOver.run();
        }
        if (resume != null) {
            later(resume);
        }
    }

    /** On the screen's event loop, after whatever runs there now (at once where there is none: unit tests). */
    void later(Runnable task) {
        if (loop == null) {
            task.run();
        } else {
            loop.runOnContext(ignored -> task.run());
        }
    }

    /** Bytes handed to the socket and not yet written. */
    synchronized long unwrittenBytes() {
        return unwrittenBytes;
    }

    /**
     * The next ping's payload, fresh each time: only a pong that echoes it (or the one before, still on its way)
     * shows the screen reads. A pong nobody asked for is allowed by the protocol, but a client that sends them and
     * reads nothing would otherwise count as alive for ever.
     */
    synchronized Buffer nextPing() {
        previousPing = ping;
        ping = new byte[PING_BYTES];
        PINGS.nextBytes(ping);
        return Buffer.buffer(ping);
    }

    synchronized void ponged(Buffer data) {
        byte[] echoed = data.getBytes();
        if (ping != null && Arrays.equals(echoed, ping) || previousPing != null && Arrays.equals(echoed, previousPing)) {
            lastPong = System.nanoTime();
        }
    }

    long nanosSincePong() {
        return System.nanoTime() - lastPong;
    }
}
