package cn.jinjiang.emergency.gateway.view;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An incident's possible duplicates name other incidents, which a duty officer may not be allowed to see: a link is
 * shown only to viewers whose scope covers the linked incident's area (the command centre, with no scope, sees every
 * link). A link with no area (recorded before links carried it) is shown to no duty officer.
 * <p>
 * Items are shared by every screen and never changed once on the picture, so a viewer who may not see a link gets a
 * shallow copy of the item with its own list of links; everyone else gets the item itself, untouched.
 */
final class VisibleLinks {

    static final String FIELD = "possibleDuplicates";

    private VisibleLinks() {
    }

    /** Whether the item names an incident outside {@code scope} that has to be left out for that viewer. */
    static boolean hidesSome(String scope, PictureItem item) {
        if (scope == null || item.kind() != ItemKind.INCIDENT) {
            return false;
        }
        for (JsonNode link : item.body().path(FIELD)) {
            if (!visible(scope, link)) {
                return true;
            }
        }
        return false;
    }

    /** The item's body as a viewer with {@code scope} may see it. */
    static ObjectNode body(String scope, PictureItem item) {
        if (!hidesSome(scope, item)) {
            return item.body();
        }
        ObjectNode body = item.body();
        ObjectNode copy = body.objectNode();
        copy.setAll(body);
        ArrayNode links = copy.putArray(FIELD);
        for (JsonNode link : body.path(FIELD)) {
            if (visible(scope, link)) {
                links.add(link);
            }
        }
        return copy;
    }

    private static boolean visible(String scope, JsonNode link) {
        return AreaCodes.covers(scope, link.path("areaCode").asText(null));
    }
}
