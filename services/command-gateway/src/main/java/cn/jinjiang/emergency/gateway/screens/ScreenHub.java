package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open screens, and how one joins the stream: with a snapshot stamped with its position, or by resuming from a
 * position it was given, with exactly the changes it missed (or a snapshot when those are no longer all in the log).
 * <p>
 * A screen is registered here before it takes its snapshot (or notes where it resumes) under the picture's lock, so
 * every change the picture takes in after that reaches it; a change taken in before, but handed over only after, is
 * dropped by the screen's position. Changes come from the picture one at a time in the order taken in, and each
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
    private final Counter madeSnapshots;
    private final Counter sharedSnapshots;
    private final Vertx vertx;
    private final RecentChanges recent;
    private final SnapshotTurns turns;
    /** The latest snapshot per filter, while it may be shared; see {@link #keep}. */
    private final Map<ScreenFilter, SharedSnapshot> shared = new HashMap<>();

    public ScreenHub(Picture picture, PictureStore store, GatewayConfig config, ObjectMapper mapper,
                     MeterRegistry registry, Vertx vertx) {
        this.picture = picture;
        this.vertx = vertx;
        this.store = store;
        this.config = config;
        this.mapper = mapper;
        this.resyncs = registry.counter("gateway.screens.resyncs");
        this.madeSnapshots = registry.counter("gateway.screens.snapshots", "made", "own");
        this.sharedSnapshots = registry.counter("gateway.screens.snapshots", "made", "shared");
        GatewayConfig.Screens limits = config.screen();
        this.recent = new RecentChanges(limits.maxReplay() + 1);
        this.turns = new SnapshotTurns(limits.snapshotsAtOnce(), limits.maxLag().toMillis(), vertx);
        registry.gauge("gateway.screens.waiting-to-join", turns, SnapshotTurns::waiting);
        this.perUser = new ScreensPerUser(config.screen().maxPerUser());
        registry.gaugeMapSize("gateway.screens.open", List.of(), screens);
    }

    /**
     * Hands a committed change to every screen; called by the picture after it has released its lock. The screens
     * are handed it on their own connections' event loops, one task per loop: the picture only groups them, each loop
     * builds and writes its screens' messages, the loops work in parallel, and the writer is free again at once. A
     * loop runs its tasks in order, so each screen still gets the changes in commit order; a screen that joined at a
     * position past this change (after it was taken in, before it was handed over) drops it when it arrives.
     */
    @Override
    public void changed(PictureChange change, long number) {
        PreparedChange prepared = new PreparedChange(change, number, mapper);
        recent.add(prepared);
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
        Screen screen = new Screen(connection, loop, filter, new Screen.Limits(limits.maxLag().toNanos(),
                limits.maxUnwrittenBytes(), limits.maxReplay(), limits.minResumeInterval().toNanos()),
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
            screen.closed();
        }
        String user = users.remove(connection.id());
        if (user != null) {
            perUser.release(user);
        }
    }

    /**
     * Starts the screen at a snapshot of the picture, when its turn comes ({@link SnapshotTurns}). A snapshot made for
     * the same filter a moment ago is shared: the screen joins at its place and is handed the changes since from the
     * recent ones ({@link RecentChanges}). Otherwise, under the picture's lock the screen is only registered at the
     * picture's place (changes after it are held for it) and handed a view of the items there, which the writer never
     * changes; the items are picked, sorted and joined outside the lock and off the event loops, so that screens
     * joining hold up neither the writer nor the other screens.
     */
    void startWithSnapshot(Screen screen, Instant expiresAt, String reason) {
        screen.waitToJoin();
        turns.take(turn -> screen.later(() -> join(screen, expiresAt, reason, turn)));
    }

    private void join(Screen screen, Instant expiresAt, String reason, SnapshotTurns.Turn turn) {
        if (!screen.connection().isOpen()) {
            turn.over();
            return;
        }
        ScreenFilter filter = screen.filter();
        SharedSnapshot shared = sharedFor(filter);
        PictureView fresh = picture.still(() -> {
            PictureView now = picture.view();
            if (shared != null && shared.serves(now.place(), config.screen().maxReplay())) {
                screen.joinFrom(shared.place().position(), shared.place().changes());
                return null;
            }
            screen.joinFrom(now.position(), now.place().changes());
            return now;
        });
        if (fresh == null) {
            List<PreparedChange> since = recent.after(shared.place().changes());
            if (since != null) {
                sharedSnapshots.increment();
                send(screen, shared, since, expiresAt, reason, turn);
                return;
            }
            // The recent changes no longer reach back to it (a burst): a snapshot of its own, made now.
            fresh = picture.still(() -> {
                PictureView now = picture.view();
                screen.joinFrom(now.position(), now.place().changes());
                return now;
            });
        }
        PictureView view = fresh;
        // Picking, sorting and joining thousands of items takes the screen's event loop from every other screen on
        // it, so it is done on a worker. The screen is already registered: changes meanwhile are held for it.
        vertx.executeBlocking(() -> snapshotLists(view.matching(filter::shows), filter), false)
                .onSuccess(lists -> {
                    SharedSnapshot made = new SharedSnapshot(filter, view.place(), lists, System.nanoTime(),
                            config.screen().snapshotReuse().toNanos());
                    madeSnapshots.increment();
                    keep(made);
                    send(screen, made, List.of(), expiresAt, reason, turn);
                })
                .onFailure(failure -> {
                    turn.over();
                    LOG.errorf(failure, "Screen %s: its snapshot could not be written", screen.connection().id());
                    screen.connection().close().subscribe().with(closed -> { }, ignored -> { });
                });
    }

    private void send(Screen screen, SharedSnapshot snapshot, List<PreparedChange> since, Instant expiresAt,
                      String reason, SnapshotTurns.Turn turn) {
        String head = snapshotHead(snapshot.place().position(), expiresAt, reason);
        screen.replay(since, seq -> snapshot(seq, head, snapshot.lists()), turn::over);
    }

    private static String snapshot(long seq, String head, String lists) {
        return "{\"kind\":\"snapshot\",\"seq\":" + seq + "," + head + lists + "}";
    }

    /**
     * A snapshot's item lists for one filter, written once, and where it stands: the screens with that filter that
     * join within {@code reuseNanos} of its making (and while no more than a replay's worth of changes came after it)
     * share it.
     */
    private record SharedSnapshot(ScreenFilter filter, PictureView.Place place, String lists, long madeAt,
                                  long reuseNanos) {

        boolean serves(PictureView.Place now, int maxChanges) {
            return now.loads() == place.loads() && now.changes() - place.changes() <= maxChanges && fresh();
        }

        boolean fresh() {
            return System.nanoTime() - madeAt <= reuseNanos;
        }
    }

    private SharedSnapshot sharedFor(ScreenFilter filter) {
        synchronized (shared) {
            return shared.get(filter);
        }
    }

    /** Keeps the latest snapshot per filter, and only while it may still be shared: they are megabytes each. */
    private void keep(SharedSnapshot made) {
        synchronized (shared) {
            shared.values().removeIf(kept -> !kept.fresh());
            SharedSnapshot kept = shared.get(made.filter());
            if (kept == null || kept.place().changes() <= made.place().changes()) {
                shared.put(made.filter(), made);
            }
        }
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
            screen.joinFrom(from, 0);
            return new Joined(picture.position(), picture.expiredAt());
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
                        screen.replay(prepared, seq -> resumed(from, prepared.size(), seq, expiresAt));
                    }
                })
                .onFailure().invoke(failure -> {
                    LOG.warnf("Screen %s: resume failed, sending a snapshot: %s", screen.connection().id(), failure);
                    startWithSnapshot(screen, expiresAt, "resume failed");
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Where the picture stood when a resuming screen joined, and where it stood at its last expiry (or null). */
    private record Joined(Position position, Position lastExpiry) {
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

    /** The snapshot's own fields after kind and seq, each followed by a comma. */
    private String snapshotHead(Position position, Instant expiresAt, String reason) {
        ObjectNode head = mapper.createObjectNode().put("position", position.token());
        if (expiresAt != null) {
            head.put("expiresAt", expiresAt.toString());
        }
        if (reason != null) {
            head.put("reason", reason);
        }
        String written = write(head);
        return written.substring(1, written.length() - 1) + ",";
    }

    /**
     * One list per kind, newest first: each item's JSON is the item's own, written once however many snapshots and
     * changes carry it ({@link PictureItem#json}); only an item this viewer is shown narrowed is written here.
     */
    private String snapshotLists(List<PictureItem> items, ScreenFilter filter) {
        StringBuilder lists = new StringBuilder(items.size() * 1024 + 64);
        ItemKind[] kinds = ItemKind.values();
        for (int k = 0; k < kinds.length; k++) {
            ItemKind kind = kinds[k];
            lists.append(k == 0 ? "" : ",").append('"').append(kind.listField()).append("\":[");
            boolean first = true;
            for (PictureItem item : items.stream().filter(item -> item.kind() == kind)
                    .sorted(Comparator.comparing((PictureItem item) -> item.body().path("reportedAt").asText(""))
                            .reversed().thenComparing(PictureItem::id)).toList()) {
                lists.append(first ? "" : ",").append(filter.narrows(item) ? filter.body(item).toString() : item.json());
                first = false;
            }
            lists.append(']');
        }
        return lists.toString();
    }

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
