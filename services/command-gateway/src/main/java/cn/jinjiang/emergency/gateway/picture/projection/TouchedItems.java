package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/** The items one event touches: copied on first touch, so the picture as it stands is never changed in place. */
final class TouchedItems {

    private final Function<String, ObjectNode> current;
    private final Predicate<UUID> expired;
    private final Map<String, ObjectNode> bodies = new LinkedHashMap<>();
    private final Map<String, ItemKind> kinds = new LinkedHashMap<>();

    TouchedItems(Function<String, ObjectNode> current, Predicate<UUID> expired) {
        this.current = current;
        this.expired = expired;
    }

    /** The item as it stands, touched or not, without touching it; null when it is on neither. */
    ObjectNode peek(ItemKind kind, String id) {
        String key = PictureItem.key(kind, id);
        return bodies.containsKey(key) ? bodies.get(key) : current.apply(key);
    }

    ObjectNode peekIncident(UUID id) {
        ObjectNode incident = peek(ItemKind.INCIDENT, id.toString());
        return incident == null ? JSON.objectNode() : incident;
    }

    /** The item to change, made empty when it is not on the picture yet. */
    ObjectNode item(ItemKind kind, String id) {
        String key = PictureItem.key(kind, id);
        return bodies.computeIfAbsent(key, k -> {
            kinds.put(k, kind);
            ObjectNode existing = current.apply(k);
            return existing == null ? JSON.objectNode() : existing.deepCopy();
        });
    }

    boolean isExpired(UUID incident) {
        return expired.test(incident);
    }

    ObjectNode incident(UUID id) {
        if (id == null) {
            throw new IllegalArgumentException("no incident id");
        }
        if (expired.test(id)) {
            // Gone from the picture: written to, but never part of the items touched.
            return JSON.objectNode();
        }
        ObjectNode incident = item(ItemKind.INCIDENT, id.toString());
        incident.put("id", id.toString());
        return incident;
    }

    /** The incidents touched, to be bounded before they are described. */
    List<ObjectNode> incidents() {
        List<ObjectNode> incidents = new ArrayList<>();
        bodies.forEach((key, body) -> {
            if (kinds.get(key) == ItemKind.INCIDENT) {
                incidents.add(body);
            }
        });
        return incidents;
    }

    List<PictureItem> items() {
        List<PictureItem> items = new ArrayList<>();
        // Incidents first: the others take their filter attributes (area, grade) from them.
        bodies.forEach((key, body) -> {
            if (kinds.get(key) == ItemKind.INCIDENT) {
                items.add(describe(ItemKind.INCIDENT, body));
            }
        });
        bodies.forEach((key, body) -> {
            if (kinds.get(key) != ItemKind.INCIDENT) {
                items.add(describe(kinds.get(key), body));
            }
        });
        return items;
    }

    private PictureItem describe(ItemKind kind, ObjectNode body) {
        String id = body.path("id").asText();
        UUID incidentId = kind == ItemKind.INCIDENT ? uuid(body, "id") : uuid(body, "incidentId");
        ObjectNode incident = incidentId == null ? JSON.objectNode() : peekIncident(incidentId);
        List<String> areas = new ArrayList<>();
        switch (kind) {
            case WARNING -> body.path("areaCodes").forEach(code -> areas.add(code.asText()));
            // A unit lies in its home area (its bureau's screens see it at its station) and, when sent, its incident's.
            case UNIT, WAREHOUSE, SHELTER -> {
                if (body.hasNonNull("areaCode")) {
                    areas.add(body.get("areaCode").asText());
                }
            }
            // Both bureaus': the asking one's and the lending one's screens show it.
            case MUTUAL_AID -> {
                for (String side : List.of("requestingJurisdiction", "lendingJurisdiction")) {
                    if (body.hasNonNull(side) && AreaCodes.isJurisdiction(body.get(side).asText())) {
                        areas.add(AreaCodes.ofJurisdiction(body.get(side).asText()));
                    }
                }
            }
            default -> { }
        }
        if (incident.hasNonNull("areaCode") && !areas.contains(incident.get("areaCode").asText())) {
            areas.add(incident.get("areaCode").asText());
        }
        Grade grade = incident.hasNonNull("grade") ? Grade.valueOf(incident.get("grade").asText()) : null;
        return new PictureItem(kind, id, incidentId, List.copyOf(areas), grade, body);
    }
}
