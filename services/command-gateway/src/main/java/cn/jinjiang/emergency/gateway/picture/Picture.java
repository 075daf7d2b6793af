package cn.jinjiang.emergency.gateway.picture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The live picture as committed, held in memory (it is small: open incidents and those closed within the retention,
 * units, warnings, warehouses, shelters) and stored alongside in PostgreSQL, from where it is loaded at start.
 * <p>
 * Everything that must see one consistent state takes this object's lock: the writer taking in a committed batch, and
 * a screen joining (its snapshot and the position it joins at). The changes are handed to the
 * {@link PictureListener}s after the lock is released, so a listener's work never holds up the writer or a joining
 * screen; but the order they are handed over in is fixed under the lock, where each change joins the queue of
 * changes not yet handed over. So a screen that its listener registered before it joined gets a snapshot of exactly
 * the changes before its position and is handed every change after it, in the order taken in; a change before its
 * position that is handed over only after the join is recognised by that position and dropped. None is lost between
 * the two and none is shown twice.
 */
@ApplicationScoped
public class Picture {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(Picture.class);

    private final PictureItems items = new PictureItems();
    private final Set<UUID> expired = new HashSet<>();
    private Position expiredAt;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private Position position = Position.START;
    private long lastSeq;
    /** How many changes were taken in, and how many loads: where a view stands ({@link PictureView.Place}). */
    private long changesTaken;
    private long loads;
    private final List<PictureListener> listeners;
    /** Changes taken in and not yet handed to the listeners, in the order taken in; guarded by this object's lock. */
    private final ArrayDeque<Numbered> undelivered = new ArrayDeque<>();

    /** A change with its number and the picture's position once it is taken in (what a screen shown it holds). */
    private record Numbered(PictureChange change, long number, Position position) {
    }
    /** How many hand-offs were asked for since the one now running began; only the first caller hands over. */
    private final AtomicInteger handOffs = new AtomicInteger();

    public Picture(@All List<PictureListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Replaces the whole picture: at start from the database, and after a rebuild. */
    public synchronized void load(List<PictureItem> stored, Position at, long seq) {
        load(stored, at, seq, Set.of(), null);
    }

    /**
     * @param gone      the incidents that expired (their events are no longer shown)
     * @param goneSince the position at the last expiry, or null
     */
    public synchronized void load(List<PictureItem> stored, Position at, long seq, Set<UUID> gone,
                                  Position goneSince) {
        items.clear();
        stored.forEach(items::put);
        expired.clear();
        expired.addAll(gone);
        expiredAt = goneSince;
        position = at;
        lastSeq = seq;
        loads++;
        loaded.complete(null);
    }

    /** Blocks (Kafka's polling thread, never an event loop) until the stored picture is loaded. */
    public void awaitLoaded() {
        try {
            loaded.get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the stored picture did not load", e);
        }
    }

    public synchronized ObjectNode body(String key) {
        PictureItem item = items.get(key);
        return item == null ? null : item.body();
    }

    public synchronized PictureItem item(String key) {
        return items.get(key);
    }

    public synchronized Position position() {
        return position;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized List<PictureItem> items(Predicate<PictureItem> filter) {
        return items.matching(filter);
    }

    /**
     * The picture as it stands, with its position, to be read outside the lock: only the lock's owner changes the
     * picture, and it never changes what a view holds, so a reader (a screen's snapshot, a page over HTTP) neither
     * copies nor sorts the picture while it holds the writer up.
     */
    /** Where the picture stands: its position and the number of the last change it took in. */
    public synchronized PictureView.Place place() {
        return new PictureView.Place(position, changesTaken, loads);
    }

    public synchronized PictureView view() {
        return items.frozen(new PictureView.Place(position, changesTaken, loads));
    }

    /**
     * Takes in a committed batch, then hands its changes to the listeners, in order, once the lock is released. A
     * screen joining sees either the state before the batch, and is handed all its changes, or the state after it,
     * with a position past them all.
     */
    public void commit(List<PictureChange> changes, Position after, long seq) {
        commit(changes, after, seq, Set.of(), List.of());
    }

    /**
     * @param revived  expired incidents the batch brought back: their events touch the picture again
     * @param restored what came back with them (their allocations), put on the picture without a change of its own
     */
    public void commit(List<PictureChange> changes, Position after, long seq, Set<UUID> revived,
                       List<PictureItem> restored) {
        synchronized (this) {
            expired.removeAll(revived);
            restored.forEach(items::put);
            for (PictureChange change : changes) {
                change.items().forEach(item -> {
                    if (item.removed()) {
                        items.remove(item.key());
                    } else {
                        items.put(item);
                    }
                });
            }
            // Each change is numbered with the position it brings the picture to; records that changed nothing
            // move only the batch's own position (after), which a snapshot then stands at.
            Position at = position;
            for (PictureChange change : changes) {
                at = change.source() == null ? at : at.after(change.source());
                takenIn(change, at);
            }
            position = after;
            lastSeq = seq;
        }
        handOff();
    }

    /** Whether the incident expired: events of it no longer touch the picture. */
    public synchronized boolean isExpired(UUID incident) {
        return expired.contains(incident);
    }

    /** The position at the last expiry that removed anything; null if none has (since the picture was stored). */
    public synchronized Position expiredAt() {
        return expiredAt;
    }

    /**
     * Takes expired incidents off the picture (already off the stored one) and hands the listeners their removals,
     * like a committed batch. A removal moves no position: it comes from no record.
     */
    public void expire(List<PictureItem> incidents, List<PictureItem> under) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        synchronized (this) {
            // A screen drops an incident's allocations with the incident: they need no removal of their own.
            under.forEach(item -> items.remove(item.key()));
            for (PictureItem incident : incidents) {
                items.remove(incident.key());
                expired.add(incident.incidentId());
                takenIn(new PictureChange(null, UUID.randomUUID(), PictureRetention.EXPIRED, now,
                        List.of(PictureRetention.removal(incident))), position);
            }
            expiredAt = position;
        }
        handOff();
    }

    /** Numbers a change under the lock and queues it for the listeners. */
    private void takenIn(PictureChange change, Position at) {
        undelivered.add(new Numbered(change, ++changesTaken, at));
    }

    /**
     * Hands the changes not yet handed over to the listeners, outside the lock, one at a time in the order they were
     * taken in. Whoever finds a hand-off already running leaves its changes to it (they are in the queue behind the
     * ones it is handing over), so two threads never hand over at once and none waits for the other.
     */
    private void handOff() {
        if (handOffs.getAndIncrement() != 0) {
            return;
        }
        int asked = 1;
        do {
            for (Numbered next = nextUndelivered(); next != null; next = nextUndelivered()) {
                for (PictureListener listener : listeners) {
                    try {
                        listener.changed(next.change(), next.number(), next.position());
                    } catch (RuntimeException e) {
                        // The change is committed whatever a listener makes of it; the others are still told.
                        LOG.warnf(e, "A listener failed on change %s", next.change().eventId());
                    }
                }
            }
            asked = handOffs.addAndGet(-asked);
        } while (asked != 0);
    }

    private synchronized Numbered nextUndelivered() {
        return undelivered.poll();
    }

    /** Runs {@code action} with the picture held still: no batch is taken in meanwhile. */
    public synchronized <T> T still(Supplier<T> action) {
        return action.get();
    }
}
