package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.PictureView;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * One page of the picture over HTTP: the items a filter shows, in order of kind then id, from just after the cursor
 * {@code after} (an item's {@code kind:id}), at most {@code limit} of them. The page is picked from a
 * {@link PictureView}, outside the picture's lock, keeping only the {@code limit + 1} first items in a heap: the
 * picture is neither copied nor sorted whole for it.
 *
 * @param next the cursor of the page after this one, or null when this one is the last
 */
record PicturePage(List<PictureItem> items, String next) {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    static final Comparator<PictureItem> ORDER = Comparator.comparing(PictureItem::kind)
            .thenComparing(PictureItem::id);

    static PicturePage of(PictureView view, Predicate<PictureItem> shown, Cursor after, int limit) {
        // The heap's head is the greatest kept item, dropped whenever more than limit + 1 are kept.
        PriorityQueue<PictureItem> first = new PriorityQueue<>(ORDER.reversed());
        view.forEach(item -> {
            if ((after == null || after.precedes(item)) && shown.test(item)) {
                first.add(item);
                if (first.size() > limit + 1) {
                    first.poll();
                }
            }
        });
        List<PictureItem> items = new ArrayList<>(first);
        items.sort(ORDER);
        if (items.size() <= limit) {
            return new PicturePage(items, null);
        }
        List<PictureItem> page = items.subList(0, limit);
        return new PicturePage(page, page.get(limit - 1).key());
    }

    /** @throws InvalidFieldException naming {@code limit} unless it is a whole number from 1 to {@link #MAX_LIMIT} */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like a number out of range.
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** Where a page starts: after the item of this kind and id. */
    record Cursor(ItemKind kind, String id) {

        /** @throws InvalidFieldException naming {@code after} unless it is a {@code next} this endpoint gave */
        static Cursor parse(String value) {
            if (value == null) {
                return null;
            }
            int colon = value.indexOf(':');
            if (colon > 0 && colon < value.length() - 1) {
                String field = value.substring(0, colon);
                for (ItemKind kind : ItemKind.values()) {
                    if (kind.field().equals(field)) {
                        return new Cursor(kind, value.substring(colon + 1));
                    }
                }
            }
            throw new InvalidFieldException("after", "must be the \"next\" of the page before");
        }

        boolean precedes(PictureItem item) {
            int byKind = kind.compareTo(item.kind());
            return byKind < 0 || byKind == 0 && id.compareTo(item.id()) < 0;
        }
    }
}
