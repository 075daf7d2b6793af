package cn.jinjiang.emergency.gateway.picture.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Reading an event's fields into an item, the same way in every section. */
final class ItemFields {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ItemFields() {
    }

    /** A section of an item (an object by id), made empty when the item has none yet. */
    static ObjectNode section(ObjectNode item, String field) {
        return item.get(field) instanceof ObjectNode existing ? existing : item.putObject(field);
    }

    /** The field as an id, or null when it is absent or no UUID. */
    static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void copyIfPresent(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field) && !from.get(field).isNull()) {
                to.set(field, from.get(field));
            }
        }
    }

    static void copyName(JsonNode from, ObjectNode to, String alternative) {
        JsonNode name = from.hasNonNull("name") ? from.get("name") : from.get(alternative);
        if (name != null && !name.isNull()) {
            to.set("name", name);
        }
    }

    /** Positions arrive as {latitude, longitude} (the contract's GeoPoint) or {lat, lon}; kept as the former. */
    static void copyPosition(JsonNode from, ObjectNode to) {
        JsonNode position = from.hasNonNull("position") ? from.get("position") : from.get("location");
        if (position == null || position.isNull()) {
            return;
        }
        JsonNode lat = position.hasNonNull("latitude") ? position.get("latitude") : position.get("lat");
        JsonNode lon = position.hasNonNull("longitude") ? position.get("longitude") : position.get("lon");
        if (lat != null && lon != null && lat.isNumber() && lon.isNumber()) {
            to.set("position", JSON.objectNode().put("latitude", lat.asDouble()).put("longitude", lon.asDouble()));
        }
    }
}
