package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureListener;
import cn.jinjiang.emergency.gateway.picture.PictureStore;
import cn.jinjiang.emergency.gateway.picture.PictureView;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open screens, and how one joins the stream: with a snapshot ({@link SnapshotJoins}), or by resuming from a
 * position it was given, with exactly the changes it missed (or a snapshot when those are no longer all in the log).
 * <p>
 * A screen is registered here before it takes its snapshot (or notes where it resumes) under the picture's lock, so
 * every change the picture takes in after that reaches it; a change taken in before, but handed over only after, is
 * dropped by the screen's place in the stream ({@link StreamPlace}). Changes come from the picture one at a time in the order taken in, and each
 * screen's are handed to its own event loop in that order.
 */
@ApplicationScoped
public class ScreenHub implements PictureListener {

    private static final Logger LOG = Logger.getLogger(ScreenHub.class);

    private final Map<String, Screen> screens = new ConcurrentHashMap<>();
    /** The user each open screen counts against. */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final ScreensPerUser perUser;
    private final Picture picture;
    private final PictureStore store;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final Counter resyncs;
    private final SnapshotJoins joins;
    private final FilterStreams streams = new FilterStreams();

    public ScreenHub(Picture picture, PictureStore store, GatewayConfig config, ObjectMapper mapper,
                     MeterRegistry registry, SnapshotJoins joins) {
        this.picture = picture;
        this.store = store;
        this.config = config;
        this.mapper = mapper;
        this.joins = joins;
        this.resyncs = registry.counter("gateway.screens.resyncs");
        this.perUser = new ScreensPerUser(config.screen().maxPerUser());
        registry.gaugeMapSize("gateway.screens.open", List.of(), screens);
    }

    /**
     * Hands a committed change to every screen; called by the picture after it has released its lock, one change at a
     * time in order. Its message is made here once per filter that open screens have ({@link FilterStream}), then
     * the screens are handed it on their own connections' event loops, one task per loop: each loop writes the same
     * bytes to its screens, the loops work in parallel, and the writer is free again at once. A loop runs its tasks
     * in order, so each screen still gets the changes in commit order; a screen that joined at a place past this
     * change (after it was taken in, before it was handed over) drops it when it arrives.
     */
    @Override
    public void changed(PictureChange change, long number, Position position) {
        PreparedChange prepared = new PreparedChange(change, number, position, mapper);
        for (FilterStream stream : streams.all()) {
            prepared.prepareFor(stream);
        }
        joins.handedOver(prepared);
        if (screens.isEmpty()) {
            return;
        }
        Map<Context, List<Screen>> byLoop = new HashMap<>();
        for (Screen screen : screens.values()) {
            byLoop.computeIfAbsent(screen.loop(), loop -> new ArrayList<>()).add(screen);
        }
        byLoop.forEach((loop, group) -> loop.runOnContext(ignored -> {
            for (Screen screen : group) {
                screen.offer(prepared);
            }
        }));
    }

    /** Opens a screen for {@code user}, or answers null when the user already holds as many as allowed. */
    Screen open(WebSocketConnection connection, ScreenFilter filter, String user) {
        Context loop = Vertx.currentContext();
        if (loop == null) {
            throw new IllegalStateException("a screen opens on its connection's event loop");
        }
        if (!perUser.take(user)) {
            return null;
        }
        GatewayConfig.Screens limits = config.screen();
        Screen screen = new Screen(connection, ScreenSocket.of(connection), loop, streams.join(filter),
                new Screen.Limits(limits.maxLag().toNanos(), limits.maxUnwrittenBytes(), limits.maxReplay(),
                        limits.minResumeInterval().toNanos()),
                resyncs::increment);
        users.put(connection.id(), user);
        screens.put(connection.id(), screen);
        return screen;
    }

    int maxPerUser() {
        return perUser.most();
    }

    Screen screen(WebSocketConnection connection) {
        return screens.get(connection.id());
    }

    Collection<Screen> all() {
        return screens.values();
    }

    void closed(WebSocketConnection connection) {
        Screen screen = screens.remove(connection.id());
        if (screen != null) {
            streams.leave(screen.stream());
            screen.closed();
        }
        String user = users.remove(connection.id());
        if (user != null) {
            perUser.release(user);
        }
    }

    /** Starts the screen at a snapshot of the picture ({@link SnapshotJoins}). */
    void startWithSnapshot(Screen screen, Instant expiresAt, String reason) {
        joins.startWithSnapshot(screen, expiresAt, reason);
    }

    /**
     * Resumes the screen from {@code from}: registered first (so every later change is held for it), then the
     * changes between {@code from} and the picture's position at that moment are read from the log and sent, then
     * the held ones. Falls back to a snapshot when the log no longer holds them all, or holds more than a replay may.
     * A resume asked for while the screen's last join is still on its way waits until that has been written (the
     * latest such resume only): a screen that resumes and never reads must not pile up snapshots.
     */
    Uni<Void> resume(Screen screen, Position from, Instant expiresAt) {
        if (screen.deferResume(() -> resume(screen, from, expiresAt).subscribe().with(done -> { }, failure -> { }))) {
            return Uni.createFrom().voidItem();
        }
        Joined joined = picture.still(() -> {
            PictureView.Place at = picture.place();
            screen.joinFrom(from, at.changes());
            return new Joined(at.position(), at.changes(), picture.expiredAt());
        });
        Position now = joined.position();
        if (missedRemovals(from, joined.lastExpiry())) {
            startWithSnapshot(screen, expiresAt, "incidents expired since");
            return Uni.createFrom().voidItem();
        }
        int limit = config.screen().maxReplay();
        return store.logStart()
                .chain(logStart -> stillLogged(from, now, logStart)
                        ? store.changesBetween(from, now, limit) : Uni.createFrom().<List<PictureChange>>nullItem())
                .invoke(missed -> {
                    if (missed == null) {
                        startWithSnapshot(screen, expiresAt, "position older than the change log");
                    } else if (missed.size() > limit) {
                        startWithSnapshot(screen, expiresAt, "more than " + limit + " changes missed");
                    } else {
                        List<PreparedChange> prepared = missed.stream().map(c -> new PreparedChange(c, mapper))
                                .toList();
                        screen.replay(prepared, resumed(from, prepared.size(), joined.number(), expiresAt), null);
                    }
                })
                .onFailure().invoke(failure -> {
                    LOG.warnf("Screen %s: resume failed, sending a snapshot: %s", screen.connection().id(), failure);
                    startWithSnapshot(screen, expiresAt, "resume failed");
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Where the picture stood when a resuming screen joined (its position and the number of its last change), and
     * where it stood at its last expiry (or null).
     */
    private record Joined(Position position, long number, Position lastExpiry) {
    }

    /**
     * Whether the screen may have missed a removal: removals come from no record, so they are not in the change log,
     * and a screen whose position is nowhere past the last expiry cannot show it saw them.
     */
    private static boolean missedRemovals(Position from, Position lastExpiry) {
        return lastExpiry != null && from.offsets().keySet().stream()
                .noneMatch(partition -> from.next(partition) > lastExpiry.next(partition));
    }

    private static boolean stillLogged(Position from, Position now, Position logStart) {
        return now.offsets().entrySet().stream().allMatch(partition -> {
            long missedFrom = from.next(partition.getKey());
            return missedFrom >= partition.getValue() || missedFrom >= logStart.next(partition.getKey());
        });
    }

    /** The resume's notice: {@code seq} is the number of the last change the screen holds once the replay is done. */
    private String resumed(Position from, int replayed, long seq, Instant expiresAt) {
        ObjectNode message = mapper.createObjectNode().put("kind", "resumed").put("seq", seq)
                .put("position", from.token()).put("replayed", replayed);
        if (expiresAt != null) {
            message.put("expiresAt", expiresAt.toString());
        }
        return write(message);
    }

    String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
