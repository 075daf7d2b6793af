package cn.jinjiang.emergency.gateway.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The picture's items as they stood at one {@link #position()}, to be read outside the picture's lock: the writer
 * never changes what a view holds ({@link PictureItems}), so a reader may take its time over it.
 */
public final class PictureView {

    private final Place place;
    private final Map<String, PictureItem>[] buckets;

    /**
     * Where a view stands: at which {@link Position}, after how many changes this instance's picture had taken in
     * (the number of the last one handed to the listeners, see {@link PictureListener}), and after how many loads
     * (a load replaces the picture without a change, so a view from before it cannot be brought up to date by
     * changes).
     */
    public record Place(Position position, long changes, long loads) {
    }

    PictureView(Place place, Map<String, PictureItem>[] buckets) {
        this.place = place;
        this.buckets = buckets;
    }

    public Position position() {
        return place.position();
    }

    public Place place() {
        return place;
    }

    public void forEach(Consumer<PictureItem> action) {
        for (Map<String, PictureItem> bucket : buckets) {
            bucket.values().forEach(action);
        }
    }

    public List<PictureItem> matching(Predicate<PictureItem> filter) {
        List<PictureItem> matching = new ArrayList<>();
        forEach(item -> {
            if (filter.test(item)) {
                matching.add(item);
            }
        });
        return matching;
    }
}
