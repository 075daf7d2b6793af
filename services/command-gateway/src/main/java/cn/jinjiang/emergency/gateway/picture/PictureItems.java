package cn.jinjiang.emergency.gateway.picture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The picture's items, kept so that a reader can hold on to them as they stand without copying them: they are spread
 * over {@link #BUCKETS} maps by key, and a map is never changed once a reader may see it. A batch copies each bucket
 * it touches once (a few hundred entries for a picture of 100,000 items), changes the copy, and puts it in place.
 * Freezing the whole picture ({@link #frozen}) is then a copy of the bucket array only, so a screen's snapshot or a
 * page of {@code GET /api/picture} can be picked, filtered and sorted outside the picture's lock and still see one
 * state, the one at the position read with it.
 * <p>
 * Not thread-safe: the picture calls it under its lock.
 */
final class PictureItems {

    static final int BUCKETS = 1024;

    @SuppressWarnings("unchecked")
    private final Map<String, PictureItem>[] buckets = new Map[BUCKETS];
    /** The buckets already copied since the last freeze: no reader can hold these, so they may change in place. */
    private final boolean[] own = new boolean[BUCKETS];

    PictureItems() {
        Arrays.setAll(buckets, i -> Map.of());
    }

    void clear() {
        Arrays.setAll(buckets, i -> Map.of());
        Arrays.fill(own, false);
    }

    PictureItem get(String key) {
        return buckets[bucket(key)].get(key);
    }

    void put(PictureItem item) {
        writable(bucket(item.key())).put(item.key(), item);
    }

    void remove(String key) {
        int bucket = bucket(key);
        if (buckets[bucket].containsKey(key)) {
            writable(bucket).remove(key);
        }
    }

    /** For callers under the picture's lock, which need no frozen view. */
    List<PictureItem> matching(Predicate<PictureItem> filter) {
        List<PictureItem> matching = new ArrayList<>();
        for (Map<String, PictureItem> bucket : buckets) {
            for (PictureItem item : bucket.values()) {
                if (filter.test(item)) {
                    matching.add(item);
                }
            }
        }
        return matching;
    }

    /** The items as they stand now, at {@code place}, unchanged by whatever the picture takes in later. */
    PictureView frozen(PictureView.Place place) {
        Arrays.fill(own, false);
        return new PictureView(place, buckets.clone());
    }

    private Map<String, PictureItem> writable(int bucket) {
        if (!own[bucket]) {
            buckets[bucket] = new HashMap<>(buckets[bucket]);
            own[bucket] = true;
        }
        return buckets[bucket];
    }

    private static int bucket(String key) {
        int hash = key.hashCode();
        return (hash ^ (hash >>> 16)) & (BUCKETS - 1);
    }
}
