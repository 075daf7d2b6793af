package cn.jinjiang.emergency.gateway.picture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The live picture as committed, held in memory (it is small: open incidents and those closed within the retention,
 * units, warnings, warehouses, shelters) and stored alongside in PostgreSQL, from where it is loaded at start.
 * <p>
 * Everything that must see one consistent state takes this object's lock: the writer applying a committed batch and
 * handing its changes to the screens, and a screen joining (its snapshot, its position and its registration for
 * changes). So a screen's snapshot is exactly the changes before its position, and it is handed exactly the changes
 * after it: none is lost between the two and none is shown twice.
 */
@ApplicationScoped
public class Picture {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, PictureItem> items = new HashMap<>();
    private final Set<UUID> expired = new HashSet<>();
    private Position expiredAt;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private Position position = Position.START;
    private long lastSeq;

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
        stored.forEach(item -> items.put(item.key(), item));
        expired.clear();
        expired.addAll(gone);
        expiredAt = goneSince;
        position = at;
        lastSeq = seq;
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
        List<PictureItem> matching = new ArrayList<>();
        for (PictureItem item : items.values()) {
            if (filter.test(item)) {
                matching.add(item);
            }
        }
        return matching;
    }

    /**
     * Takes in a committed batch and hands each change, in order, to {@code publish} under the same lock, so that a
     * screen joining sees either the state before the batch and all its changes, or the state after it and none.
     */
    public synchronized void commit(List<PictureChange> changes, Position after, long seq,
                                    Consumer<PictureChange> publish) {
        for (PictureChange change : changes) {
            change.items().forEach(item -> {
                if (item.removed()) {
                    items.remove(item.key());
                } else {
                    items.put(item.key(), item);
                }
            });
        }
        position = after;
        lastSeq = seq;
        changes.forEach(publish);
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
     * Takes expired incidents off the picture (already off the stored one) and hands each screen that could see one
     * its removal, under the lock, like a committed batch. A removal moves no position: it comes from no record.
     */
    public synchronized void expire(List<PictureItem> incidents, List<PictureItem> under,
                                    Consumer<PictureChange> publish) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // A screen drops an incident's allocations with the incident: they need no removal of their own.
        under.forEach(item -> items.remove(item.key()));
        List<PictureChange> removals = new ArrayList<>();
        for (PictureItem incident : incidents) {
            items.remove(incident.key());
            expired.add(incident.incidentId());
            removals.add(new PictureChange(null, UUID.randomUUID(), PictureRetention.EXPIRED, now,
                    List.of(PictureRetention.removal(incident))));
        }
        expiredAt = position;
        removals.forEach(publish);
    }

    /** Runs {@code action} with the picture held still: no batch is taken in meanwhile. */
    public synchronized <T> T still(Supplier<T> action) {
        return action.get();
    }
}
