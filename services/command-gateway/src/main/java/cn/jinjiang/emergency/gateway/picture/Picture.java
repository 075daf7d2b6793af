package cn.jinjiang.emergency.gateway.picture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The live picture as committed, held in memory (it is small: open incidents, units, warnings, warehouses,
 * shelters) and stored alongside in PostgreSQL, from where it is loaded at start.
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
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private Position position = Position.START;
    private long lastSeq;

    /** Replaces the whole picture: at start from the database, and after a rebuild. */
    public synchronized void load(List<PictureItem> stored, Position at, long seq) {
        items.clear();
        stored.forEach(item -> items.put(item.key(), item));
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
            change.items().forEach(item -> items.put(item.key(), item));
        }
        position = after;
        lastSeq = seq;
        changes.forEach(publish);
    }

    /** Runs {@code action} with the picture held still: no batch is taken in meanwhile. */
    public synchronized <T> T still(Supplier<T> action) {
        return action.get();
    }
}
