package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One open screen: what it is shown ({@link FilterStream}), where it stands ({@link StreamPlace}), what is on its way
 * ({@link Unwritten}). A change's message is the one its filter's screens share ({@link PreparedChange}); only the
 * messages a join starts with are its own.
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

    private final WebSocketConnection connection;
    private final ScreenSocket socket;
    /** The connection's event loop: changes are handed to the screen there. */
    private final Context loop;
    private final Limits limits;
    private final Runnable onResync;
    private final ArrayDeque<PreparedChange> held = new ArrayDeque<>();
    /** Fixed for the screen's life: a renewal keeps the holder ({@link ScreenHolder}), so its area bound too. */
    private final FilterStream stream;
    private State state = State.WAITING;
    private final StreamPlace place = new StreamPlace();
    private final Unwritten unwritten = new Unwritten();
    /** From {@link #joinFrom} until {@link #replay} has handed over what the join starts with. */
    private boolean joinPending;
    /** Run once the message a join starts with is written, or the screen closes: the join's turn is over. */
    private Runnable joinWritten;
    /** A resume asked for while a join was on its way, run once that is written; only the latest is kept. */
    private Runnable deferredResume;
    private long lastResume;
    private final PingEchoes pings = new PingEchoes();

    /**
     * When a screen counts as unable to keep up, how many changes it is held while it joins, and how often it may
     * resume.
     */
    record Limits(long maxLagNanos, long maxUnwrittenBytes, int maxHeld, long minResumeNanos) {
    }

    Screen(WebSocketConnection connection, ScreenSocket socket, Context loop, FilterStream stream, Limits limits,
           Runnable onResync) {
        this.connection = connection;
        this.socket = socket;
        this.loop = loop;
        this.stream = stream;
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
        return stream.filter();
    }

    FilterStream stream() {
        return stream;
    }

    /**
     * Joins at {@code from} (a snapshot's position, or the one it resumes from) holding the changes up to
     * {@code number} (the picture's at the join): live changes are held until {@link #replay} has sent what comes
     * first.
     */
    synchronized void joinFrom(Position from, long number) {
        held.clear();
        state = State.JOINING;
        place.joinAt(from, number);
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
        if (joinPending || unwritten.joinWaiting()) {
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

    /**
     * Sends {@code first} (a snapshot, or the resume's notice), the missed changes, then the held ones; goes live.
     * {@code whenWritten} (if any) runs once {@code first} is written or the screen closes.
     */
    void replay(List<PreparedChange> missed, String first, Runnable whenWritten) {
        boolean sent;
        synchronized (this) {
            joinWritten = whenWritten;
            sent = replayNow(missed, first);
        }
        if (!sent) {
            closed();
        }
    }

    private boolean replayNow(List<PreparedChange> missed, String first) {
        boolean sent = send(new ScreenText(first), true);
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
        if (!unwritten.joinWaiting() && deferredResume != null) {
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
        if (place.has(change)) {
            return;
        }
        if (lagging()) {
            resync();
            return;
        }
        place.past(change);
        ScreenText message = change.number() > 0 ? change.messageFor(stream)
                : change.replayedFor(stream.filter(), place.position());
        if (message != null) {
            send(message);
        }
    }

    private boolean lagging() { // see Unwritten.behind
        return unwritten.behind(limits.maxLagNanos(), limits.maxUnwrittenBytes());
    }

    /** Checked every ping interval as well: a stalled screen may be handed nothing new for a while. */
    synchronized void checkLag() {
        if (state == State.LIVE && lagging()) {
            resync();
        }
    }

    private void resync() {
        LOG.infof("Screen %s cannot keep up (%d messages, %d bytes unwritten): told to resync from %s",
                connection.id(), unwritten.count(), unwritten.bytes(), place.position());
        state = State.RESYNC;
        held.clear();
        send(new ScreenText("{\"kind\":\"resync\",\"seq\":" + place.number() + ",\"position\":\""
                + place.position().token()
                + "\",\"detail\":\"too slow: send {\\\"resume\\\": \\\"<position>\\\"} or reconnect\"}"));
        onResync.run();
    }

    /** Sends outside the change stream (renewal answers); counted like any other message. */
    synchronized void sendAside(String message) {
        send(new ScreenText(message));
    }

    private void send(ScreenText message) {
        send(message, false);
    }

    /** Whether the message was handed to the socket. */
    private boolean send(ScreenText message, boolean join) {
        if (!connection.isOpen()) {
            // Closing: its close handler removes it from the hub; nothing more is written to it.
            return false;
        }
        unwritten.add(message.length(), join);
        socket.send(message, this::written);
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
            if (unwritten.written()) {
                turnOver = joinWritten;
                joinWritten = null;
            }
            if (!unwritten.joinWaiting() && !joinPending && deferredResume != null) {
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
        return unwritten.bytes();
    }

    /** The pings it was sent and the pongs that echo them: only those show the screen reads ({@link PingEchoes}). */
    PingEchoes pings() {
        return pings;
    }
}
