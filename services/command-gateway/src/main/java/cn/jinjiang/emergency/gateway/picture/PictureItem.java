package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.Grade;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * One thing on the picture as it stands: an incident with everything linked to it, a unit, a warning, a warehouse or
 * a shelter. Besides its body it carries what screens are filtered by.
 *
 * @param incidentId the incident it belongs to (itself for an incident), or null
 * @param areaCodes  the areas it lies in or targets; empty when it has none (a unit at its station)
 * @param grade      the grade of its incident, or null
 */
public record PictureItem(ItemKind kind, String id, UUID incidentId, List<String> areaCodes, Grade grade,
                          ObjectNode body) {

    /**
     * Whether this is the item leaving the picture: a change carries it as its id (and incident) marked
     * {@code removed}, and whoever keeps items drops it.
     */
    public boolean removed() {
        return body.path(PictureRetention.REMOVED).asBoolean(false);
    }

    public String key() {
        return key(kind, id);
    }

    public static String key(ItemKind kind, String id) {
        return kind.field() + ":" + id;
    }
}
