package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.PictureView;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a screen joins the stream with a snapshot: in its turn, at a snapshot shared with the screens of its filter that
 * joined a moment before it or at one of its own, then the changes since. See docs/gateway.md, "Screens joining
 * together share a snapshot, and join in turns".
 */
@ApplicationScoped
public class SnapshotJoins {

    private static final Logger LOG = Logger.getLogger(SnapshotJoins.class);

    private final Picture picture;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Counter madeSnapshots;
    private final Counter sharedSnapshots;
    private final RecentChanges recent;
    private final SnapshotTurns turns;
    /** The latest snapshot per filter, while it may be shared; see {@link #keep}. */
    private final Map<ScreenFilter, SharedSnapshot> shared = new HashMap<>();

    public SnapshotJoins(Picture picture, GatewayConfig config, ObjectMapper mapper, MeterRegistry registry,
                         Vertx vertx) {
        this.picture = picture;
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
        this.madeSnapshots = registry.counter("gateway.screens.snapshots", "made", "own");
        this.sharedSnapshots = registry.counter("gateway.screens.snapshots", "made", "shared");
        GatewayConfig.Screens limits = config.screen();
        this.recent = new RecentChanges(limits.maxReplay() + 1);
        this.turns = new SnapshotTurns(limits.snapshotsAtOnce(), limits.maxLag().toMillis(), vertx);
        registry.gauge("gateway.screens.waiting-to-join", turns, SnapshotTurns::waiting);
        registry.gauge("gateway.screens.shared-snapshots", this, SnapshotJoins::kept);
    }

    /** Every change handed to the screens, in order: a screen joining at a shared snapshot is handed those since. */
    void handedOver(PreparedChange change) {
        recent.add(change);
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
        screen.replay(since, snapshot(snapshot.place().changes(), head, snapshot.lists()), turn::over);
    }

    /** {@code seq} is the number of the last change the snapshot holds. */
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

    /**
     * Keeps the latest snapshot per filter, and only while it may still be shared: they are megabytes each, and a
     * filter no screen joins with again must not hold its last one for ever.
     */
    private void keep(SharedSnapshot made) {
        synchronized (shared) {
            shared.values().removeIf(kept -> !kept.fresh());
            SharedSnapshot kept = shared.get(made.filter());
            if (kept == null || kept.place().changes() <= made.place().changes()) {
                shared.put(made.filter(), made);
            }
        }
        long reuseMillis = config.screen().snapshotReuse().toMillis();
        vertx.setTimer(Math.max(1, reuseMillis + 1), timer -> {
            synchronized (shared) {
                shared.remove(made.filter(), made);
            }
        });
    }

    /** How many snapshots are kept for sharing now. */
    int kept() {
        synchronized (shared) {
            return shared.size();
        }
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

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
