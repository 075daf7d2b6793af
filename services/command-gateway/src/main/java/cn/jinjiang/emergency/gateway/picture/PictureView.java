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

    private final Position position;
    private final Map<String, PictureItem>[] buckets;

    PictureView(Position position, Map<String, PictureItem>[] buckets) {
        this.position = position;
        this.buckets = buckets;
    }

    public Position position() {
        return position;
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
