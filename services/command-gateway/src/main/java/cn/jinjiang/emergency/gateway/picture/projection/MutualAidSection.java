package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyIfPresent;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/**
 * Mutual aid between the bureaus on the picture. Each request (for units on dispatch-events, for stock on
 * reserve-events) is an item of its own that both bureaus' screens see: the asking bureau's and the lending one's
 * (its areas are the two counties). It carries the request as its last step left it, a summary of the incident (the
 * lender's screens do not see the incident itself) and what was lent under it: the lender's units sent to the
 * incident, the stock its warehouses supply. The incident lists its requests in its {@code mutualAid} section.
 * <p>
 * What was lent is read from events on the request's own partition (its incident's key on the same topic), which
 * name the unit's and the warehouse's bureau, so the item is the same whatever order the topics are read in (a
 * picture rebuilt from them equals the live one). The summary follows the incident: set at each step and again at
 * each change of the incident, it ends the same either way.
 */
final class MutualAidSection {

    static final Map<String, SectionUpdate> UPDATES = updates();

    private static final String UNITS = "UNITS";
    private static final String STOCK = "STOCK";

    private MutualAidSection() {
    }

    private static Map<String, SectionUpdate> updates() {
        Map<String, SectionUpdate> updates = new HashMap<>();
        for (EventType type : EventType.values()) {
            if (type.type().startsWith("dispatch.mutual-aid-") || type.type().startsWith("reserve.mutual-aid-")) {
                updates.put(type.type(), MutualAidSection::step);
            }
        }
        return Map.copyOf(updates);
    }

    private static void step(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        UUID incidentId = uuid(data, "incidentId");
        String id = data.path("requestId").asText("");
        if (incidentId == null || id.isEmpty() || touched.isExpired(incidentId)) {
            return;
        }
        String resource = event.type().startsWith("dispatch.") ? UNITS : STOCK;
        ObjectNode request = touched.item(ItemKind.MUTUAL_AID, id);
        request.put("id", id);
        request.put("incidentId", incidentId.toString());
        request.put("resource", resource);
        copyIfPresent(data, request, "requestingJurisdiction", "lendingJurisdiction", "units", "items", "reason",
                "answerBy", "status", "note");
        request.set("updatedBy", data.get("by"));
        request.set("updatedAt", data.get("at"));
        if (event.type().endsWith("-overdue")) {
            request.put("overdue", true);
        }
        request.set("incident", summary(touched.peekIncident(incidentId)));
        section(touched.incident(incidentId), "mutualAid").set(id, JSON.objectNode()
                .put("resource", resource)
                .<ObjectNode>set("lendingJurisdiction", data.get("lendingJurisdiction"))
                .<ObjectNode>set("status", data.get("status"))
                .put("overdue", request.path("overdue").asBoolean(false)));
    }

    /** A unit sent to the incident: lent, if it is another bureau's and that bureau lent units to the incident. */
    static void unitAssigned(TouchedItems touched, UUID incidentId, JsonNode assigned) {
        String unitId = assigned.path("unitId").asText();
        String requestId = lentUnder(touched, incidentId, assigned.path("unitJurisdiction").asText(null));
        if (requestId != null) {
            section(touched.item(ItemKind.MUTUAL_AID, requestId), "lentUnits").set(unitId, JSON.objectNode()
                    .<ObjectNode>set("callSign", assigned.get("callSign"))
                    .<ObjectNode>set("unitType", assigned.get("unitType"))
                    .<ObjectNode>set("assignedAt", assigned.get("assignedAt"))
                    .put("active", true));
        }
    }

    /** A unit released from the incident: a lent one goes home. */
    static void unitReleased(TouchedItems touched, UUID incidentId, String unitId) {
        forEachRequest(touched, incidentId, UNITS, requestId -> {
            ObjectNode request = touched.peek(ItemKind.MUTUAL_AID, requestId);
            if (request != null && request.path("lentUnits").has(unitId)) {
                ObjectNode line = (ObjectNode) touched.item(ItemKind.MUTUAL_AID, requestId).path("lentUnits")
                        .path(unitId);
                line.put("active", false);
            }
        });
    }

    /**
     * An allocation's step: what of it comes from another bureau's warehouses is on that bureau's request, per item,
     * as the allocation now stands (a cancelled or returned one takes nothing).
     */
    static void allocation(TouchedItems touched, UUID incidentId, JsonNode notice) {
        String allocationId = notice.path("allocationId").asText();
        String status = notice.path("status").asText();
        boolean holds = !"CANCELLED".equals(status) && !"RETURNED".equals(status);
        Map<String, Map<String, Integer>> byLender = new TreeMap<>();
        for (JsonNode pick : notice.path("picks")) {
            // A pick of the incident's own bureau names no request's lender, and so is never counted here.
            String lender = pick.path("jurisdiction").asText(null);
            if (lender != null) {
                byLender.computeIfAbsent(lender, j -> new TreeMap<>())
                        .merge(pick.path("itemCode").asText(), pick.path("quantity").asInt(), Integer::sum);
            }
        }
        forEachRequest(touched, incidentId, STOCK, requestId -> {
            ObjectNode request = touched.peek(ItemKind.MUTUAL_AID, requestId);
            Map<String, Integer> items = request == null || !lends(request) ? null
                    : byLender.remove(request.path("lendingJurisdiction").asText());
            boolean listed = request != null && request.path("lentStock").has(allocationId);
            if (items != null && holds) {
                ObjectNode line = JSON.objectNode().put("status", status);
                ObjectNode quantities = line.putObject("items");
                items.forEach(quantities::put);
                section(touched.item(ItemKind.MUTUAL_AID, requestId), "lentStock").set(allocationId, line);
            } else if (listed && (!holds || items == null)) {
                ((ObjectNode) touched.item(ItemKind.MUTUAL_AID, requestId).path("lentStock")).remove(allocationId);
            }
        });
    }

    /** The incident's request for units from {@code lender} its units go under: the first that lends. */
    private static String lentUnder(TouchedItems touched, UUID incidentId, String lender) {
        if (lender == null) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> requests = touched.peekIncident(incidentId).path("mutualAid").fields();
        while (requests.hasNext()) {
            Map.Entry<String, JsonNode> request = requests.next();
            JsonNode line = request.getValue();
            if (UNITS.equals(line.path("resource").asText())
                    && lender.equals(line.path("lendingJurisdiction").asText()) && lends(line)) {
                return request.getKey();
            }
        }
        return null;
    }

    /**
     * After any change of an incident with requests: each request's summary of it, where it differs. The lender's
     * screens see the incident only so.
     */
    static void summarise(TouchedItems touched) {
        for (ObjectNode incident : touched.incidents()) {
            if (!incident.has("mutualAid")) {
                continue;
            }
            ObjectNode summary = summary(incident);
            incident.get("mutualAid").fieldNames().forEachRemaining(requestId -> {
                ObjectNode request = touched.peek(ItemKind.MUTUAL_AID, requestId);
                if (request != null && !summary.equals(request.get("incident"))) {
                    touched.item(ItemKind.MUTUAL_AID, requestId).set("incident", summary.deepCopy());
                }
            });
        }
    }

    private static ObjectNode summary(JsonNode incident) {
        ObjectNode summary = JSON.objectNode();
        copyIfPresent(incident, summary, "type", "title", "grade", "areaCode", "status");
        return summary;
    }

    /** Whether a request lends (or lent, before its withdrawal) what went to the incident under it. */
    private static boolean lends(JsonNode request) {
        String status = request.path("status").asText();
        return "ACCEPTED".equals(status) || "WITHDRAWN".equals(status);
    }

    private static void forEachRequest(TouchedItems touched, UUID incidentId, String resource,
                                       Consumer<String> action) {
        touched.peekIncident(incidentId).path("mutualAid").fields().forEachRemaining(request -> {
            if (resource.equals(request.getValue().path("resource").asText())) {
                action.accept(request.getKey());
            }
        });
    }
}
