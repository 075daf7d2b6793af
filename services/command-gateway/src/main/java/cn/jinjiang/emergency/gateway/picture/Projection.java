package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The effect of one event on the picture, as a pure function of the event and the items as they stand: the same
 * records applied in the same per-partition order give the same picture, on any instance and in a rebuild. The live
 * writer and the rebuild use the one implementation (the projection package's router), so they cannot drift apart.
 */
public interface Projection {

    /**
     * @param current the body of an item as it stands (by {@link PictureItem#key}), or null for one not on the picture
     * @return the items the event touched, as they now stand; empty for events that change nothing shown
     */
    default List<PictureItem> apply(EventEnvelope event, Function<String, ObjectNode> current) {
        return apply(event, current, incident -> false);
    }

    /**
     * @param expired whether an incident has left the picture (closed past the retention): an event of it touches
     *                only what is not the incident (a unit, a warning), so that a late event does not bring back a
     *                stub of it, live or in a rebuild
     */
    List<PictureItem> apply(EventEnvelope event, Function<String, ObjectNode> current, Predicate<UUID> expired);

    /**
     * The item within the bounds every change keeps it to (an incident's newest reports, its size): for items stored
     * by an older gateway, which may have grown without them.
     */
    default PictureItem bounded(PictureItem item) {
        return item;
    }
}
