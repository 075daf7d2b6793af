package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.Grade;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The effect of one event on the picture, as a pure function of the event and the items as they stand: the same
 * records applied in the same per-partition order give the same picture, on any instance and in a rebuild.
 * <p>
 * Each topic owns its own sections of an incident (incident-events its state and report chain, dispatch-events its
 * assignments and units, warning-events its warnings, reserve-events its allocations and shelters), so it does not
 * matter in which order an instance interleaves the topics: an assignment may even arrive before its incident's first
 * report, which only fills the report's section later. A unit's events can travel under different keys, so its
 * {@code unitVersion} decides; a shelter's under its incident or its own id, so its event time decides.
 * <p>
 * Events are read by their JSON fields, not the contract's records, so that fields and types added to the contract
 * later (the shelters' events) are shown as soon as they appear; types it does not know touch nothing.
 */
public final class PictureProjector {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PictureProjector() {
    }

    /**
     * @param current the body of an item as it stands (by {@link PictureItem#key}), or null for one not on the picture
     * @return the items the event touched, as they now stand; empty for events that change nothing shown
     */
    public static List<PictureItem> apply(EventEnvelope event, Function<String, ObjectNode> current) {
        return apply(event, current, incident -> false);
    }

    /**
     * @param expired whether an incident has left the picture (closed past the retention): an event of it touches
     *                only what is not the incident (a unit, a warning), so that a late event does not bring back a
     *                stub of it, live or in a rebuild
     */
    public static List<PictureItem> apply(EventEnvelope event, Function<String, ObjectNode> current,
                                          Predicate<UUID> expired) {
        Touched touched = new Touched(current, expired);
        JsonNode data = event.data();
        String type = event.type();
        switch (type) {
            case "incident.reported" -> reported(touched, data);
            case "incident.updated", "incident.closed" -> report(touched, data);
            case "incident.regraded" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                incident.set("grade", data.get("grade"));
                incident.set("assessedGrade", data.get("assessedGrade"));
                incident.set("updatedAt", data.get("changedAt"));
            }
            case "incident.reopened" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                incident.put("status", "OPEN");
                incident.set("updatedAt", data.get("reopenedAt"));
            }
            case "incident.merged" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                incident.put("status", "MERGED");
                incident.set("mergedInto", data.get("mergedInto"));
                incident.set("updatedAt", data.get("mergedAt"));
            }
            case "incident.report-overdue" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                section(incident, "overdue").set(data.path("deadlineId").asText(), JSON.objectNode()
                        .<ObjectNode>set("kind", data.get("kind")).<ObjectNode>set("dueAt", data.get("dueAt")));
            }
            case "dispatch.assigned" -> assigned(touched, data);
            case "dispatch.released" -> released(touched, data);
            case "dispatch.shortfall" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                incident.set("dispatchShortfall", JSON.objectNode().<ObjectNode>set("grade", data.get("grade"))
                        .<ObjectNode>set("missing", data.get("missing"))
                        .set("evaluatedAt", data.get("evaluatedAt")));
            }
            case "dispatch.release-requested" -> {
                ObjectNode incident = touched.incident(uuid(data, "incidentId"));
                incident.put("releaseRequested", true);
            }
            case "unit.status-changed" -> unitStatus(touched, data);
            case "unit.listed" -> unitListed(touched, data);
            case "warning.issued", "warning.updated", "warning.cancelled", "warning.expired" -> warning(touched, data);
            case "warning.coverage-changed" -> coverage(touched, data, "coverage", data.get("overall"));
            case "warning.coverage-shortfall" -> coverage(touched, data, "coverageShortfall", data);
            case "reserve.stock-changed" -> stock(touched, data);
            case "reserve.stock-low", "reserve.expiry-approaching" -> stockNotice(touched, type, data);
            case "reserve.allocated", "reserve.dispatched", "reserve.delivered", "reserve.released" ->
                    allocation(touched, data);
            case "reserve.allocation-shortfall" -> allocationShortfall(touched, data);
            case "reserve.called-off", "reserve.call-off-delivered" ->
                    incidentLine(touched, data, "callOffs", "callOffId", event);
            case "shelter.listed", "shelter.opened", "shelter.occupancy-changed", "shelter.closed" ->
                    shelter(touched, event, data);
            default -> {
                // Not shown on the picture (broadcast acks, or a type newer than this gateway).
            }
        }
        return touched.items();
    }

    private static void reported(Touched touched, JsonNode data) {
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        for (String field : List.of("type", "title", "grade", "areaCode", "location", "occurredAt", "reportedAt",
                "reportedBy", "casualties", "directLossCny", "peopleEvacuated", "housesCollapsed",
                "possibleDuplicates")) {
            if (data.has(field)) {
                incident.set(field, data.get(field));
            }
        }
        incident.set("assessedGrade", data.get("grade"));
        incident.put("status", "OPEN");
        incident.set("updatedAt", data.get("reportedAt"));
        chain(incident).set("1", JSON.objectNode().put("sequence", 1).put("kind", "FIRST")
                .<ObjectNode>set("reportedAt", data.get("reportedAt"))
                .<ObjectNode>set("reportedBy", data.get("reportedBy"))
                .<ObjectNode>set("casualties", data.get("casualties")).set("grade", data.get("grade")));
    }

    private static void report(Touched touched, JsonNode data) {
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        for (String field : List.of("grade", "casualties", "directLossCny", "peopleEvacuated", "housesCollapsed")) {
            incident.set(field, data.get(field));
        }
        incident.put("status", "FINAL".equals(data.path("kind").asText()) ? "CLOSED" : "OPEN");
        incident.set("updatedAt", data.get("reportedAt"));
        ObjectNode line = JSON.objectNode();
        for (String field : List.of("sequence", "kind", "reportId", "reportedAt", "reportedBy", "casualties",
                "situation", "actionsTaken", "grade")) {
            line.set(field, data.get(field));
        }
        chain(incident).set(data.path("sequence").asText(), line);
    }

    /** The report chain (首报、续报、终报) by sequence; kept as an object so a redelivered report replaces itself. */
    private static ObjectNode chain(ObjectNode incident) {
        return section(incident, "reports");
    }

    private static void assigned(Touched touched, JsonNode data) {
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        ObjectNode assignment = section(incident, "assignments").putObject(data.path("assignmentId").asText());
        for (String field : List.of("unitId", "callSign", "unitType", "capabilities", "etaMinutes", "assignedBy",
                "assignedAt")) {
            assignment.set(field, data.get(field));
        }
        assignment.put("active", true);
    }

    private static void released(Touched touched, JsonNode data) {
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        ObjectNode assignments = section(incident, "assignments");
        JsonNode existing = assignments.get(data.path("assignmentId").asText());
        ObjectNode assignment = existing instanceof ObjectNode node ? node
                : assignments.putObject(data.path("assignmentId").asText());
        assignment.set("unitId", data.get("unitId"));
        assignment.set("callSign", data.get("callSign"));
        assignment.put("active", false);
        assignment.set("releaseCause", data.get("cause"));
        assignment.set("releasedAt", data.get("releasedAt"));
    }

    private static void unitStatus(Touched touched, JsonNode data) {
        UUID unitId = uuid(data, "unitId");
        long version = data.path("unitVersion").asLong();
        ObjectNode unit = touched.peek(ItemKind.UNIT, unitId.toString());
        if (unit == null || unit.path("unitVersion").asLong(-1) < version
                || unit.path("unitVersion").asLong(-1) == version && unit.path("statusListed").asBoolean()) {
            unit = touched.item(ItemKind.UNIT, unitId.toString());
            for (String field : List.of("unitId", "unitVersion", "status", "incidentId", "position", "changedAt")) {
                unit.set(field, data.get(field));
            }
            // Once the registry listed the unit, its call sign and type are the listing's (the highest
            // listedVersion), whichever of the two events is read first.
            if (!unit.has("listedVersion")) {
                unit.set("callSign", data.get("callSign"));
                unit.set("unitType", data.get("unitType"));
            }
            unit.put("id", unitId.toString());
            unit.remove("unitId");
            unit.remove("statusListed");
        }
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            ObjectNode line = (ObjectNode) touched.peekIncident(incidentId).path("units").get(unitId.toString());
            if (line == null || line.path("unitVersion").asLong(-1) < version) {
                section(touched.incident(incidentId), "units").set(unitId.toString(), JSON.objectNode()
                        .<ObjectNode>set("callSign", data.get("callSign"))
                        .<ObjectNode>set("unitType", data.get("unitType"))
                        .<ObjectNode>set("status", data.get("status"))
                        .<ObjectNode>set("position", data.get("position"))
                        .put("unitVersion", version));
            }
        }
    }

    /**
     * A unit of the registry as it stands: how a unit that never moved gets onto the picture. Its standing data
     * (capabilities, station, area, crew) is kept from the highest {@code listedVersion}. Its status only when the
     * listing is newer by {@code unitVersion} than what unit.status-changed told: the two travel under different keys
     * (an idle unit's listing under its own id, its last move under the incident it came back from), so either may
     * be read first, and on a tie unit.status-changed wins, whichever came first ({@code statusListed} marks a status
     * that a listing set). The incident's own units section is left to unit.status-changed, which every move to an
     * incident publishes.
     */
    private static void unitListed(Touched touched, JsonNode data) {
        String unitId = data.path("unitId").asText();
        ObjectNode current = touched.peek(ItemKind.UNIT, unitId);
        long listedVersion = data.path("listedVersion").asLong();
        long unitVersion = data.path("unitVersion").asLong();
        boolean standing = current == null || current.path("listedVersion").asLong(0) < listedVersion;
        boolean status = current == null || !current.has("status")
                || current.path("unitVersion").asLong(-1) < unitVersion
                || current.path("unitVersion").asLong(-1) == unitVersion && current.path("statusListed").asBoolean();
        if (!standing && !status) {
            return;
        }
        ObjectNode unit = touched.item(ItemKind.UNIT, unitId);
        unit.put("id", unitId);
        if (standing) {
            for (String field : List.of("callSign", "unitType", "capabilities", "stationCode", "areaCode", "crew",
                    "listedVersion", "listedAt")) {
                unit.set(field, data.get(field));
            }
        }
        if (status) {
            for (String field : List.of("unitVersion", "status", "incidentId")) {
                unit.set(field, data.get(field));
            }
            copyPosition(data, unit);
            unit.put("statusListed", true);
            // The time of a move older than the listing: not what the status says any more, and absent when the
            // move is read after the listing, so dropped whatever the order.
            unit.remove("changedAt");
        }
    }

    private static void warning(Touched touched, JsonNode data) {
        String warningId = data.path("warningId").asText();
        ObjectNode warning = touched.item(ItemKind.WARNING, warningId);
        data.fields().forEachRemaining(field -> warning.set(field.getKey(), field.getValue()));
        warning.put("id", warningId);
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            section(touched.incident(incidentId), "warnings").set(warningId, warningLine(warning));
        }
    }

    private static void coverage(Touched touched, JsonNode data, String field, JsonNode value) {
        String warningId = data.path("warningId").asText();
        ObjectNode warning = touched.item(ItemKind.WARNING, warningId);
        warning.put("id", warningId);
        warning.set(field, value);
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            section(touched.incident(incidentId), "warnings").set(warningId, warningLine(warning));
        }
    }

    private static ObjectNode warningLine(ObjectNode warning) {
        ObjectNode line = JSON.objectNode();
        for (String field : List.of("hazard", "level", "headline", "status", "areaCodes", "expiresAt")) {
            if (warning.has(field)) {
                line.set(field, warning.get(field));
            }
        }
        line.set("coveragePercent", warning.path("coverage").get("coveragePercent"));
        return line;
    }

    /**
     * A warehouse's whole stock; {@code stockVersion} only grows, so an older announcement read late changes nothing.
     * {@code stock} keeps what is free per item, {@code onHand} what is on the shelves.
     */
    private static void stock(Touched touched, JsonNode data) {
        String warehouseId = data.path("warehouseId").asText();
        ObjectNode current = touched.peek(ItemKind.WAREHOUSE, warehouseId);
        long version = data.path("stockVersion").asLong();
        if (current != null && current.path("stockVersion").asLong(-1) >= version) {
            return;
        }
        ObjectNode warehouse = warehouse(touched, data, warehouseId);
        warehouse.put("stockVersion", version);
        ObjectNode stock = warehouse.putObject("stock");
        ObjectNode onHand = warehouse.putObject("onHand");
        for (JsonNode item : data.path("items")) {
            stock.set(item.path("itemCode").asText(), item.get("available"));
            onHand.set(item.path("itemCode").asText(), item.get("onHand"));
        }
    }

    private static void stockNotice(Touched touched, String type, JsonNode data) {
        String warehouseId = data.path("warehouseId").asText(null);
        if (warehouseId == null) {
            return;
        }
        ObjectNode warehouse = warehouse(touched, data, warehouseId);
        if (type.equals("reserve.stock-low")) {
            section(warehouse, "lowStock").set(data.path("itemCode").asText(), JSON.objectNode()
                    .<ObjectNode>set("available", data.get("available"))
                    .<ObjectNode>set("lowStockLevel", data.get("lowStockLevel")).set("at", data.get("at")));
        } else {
            section(warehouse, "expiring").set(data.path("lotId").asText(), JSON.objectNode()
                    .<ObjectNode>set("itemCode", data.get("itemCode")).<ObjectNode>set("onHand", data.get("onHand"))
                    .<ObjectNode>set("expiresOn", data.get("expiresOn")).set("daysLeft", data.get("daysLeft")));
        }
    }

    private static ObjectNode warehouse(Touched touched, JsonNode data, String warehouseId) {
        ObjectNode warehouse = touched.item(ItemKind.WAREHOUSE, warehouseId);
        warehouse.put("id", warehouseId);
        copyIfPresent(data, warehouse, "warehouseCode", "level", "areaCode");
        copyName(data, warehouse, "warehouseName");
        copyPosition(data, warehouse);
        return warehouse;
    }

    /**
     * An allocation is an item of its own, as the latest event of its way left it (each carries it whole with its
     * status), and its incident counts its allocations by status: an incident that gathers thousands of allocations
     * in a night then changes by a few bytes with each, rather than carrying them all in every change. A cancelled
     * allocation never left its warehouses: it leaves the picture (a change carrying it marked removed); the others
     * go with their incident when that leaves the picture.
     */
    private static void allocation(Touched touched, JsonNode data) {
        UUID incidentId = uuid(data, "incidentId");
        String id = data.path("allocationId").asText("");
        if (incidentId == null || id.isEmpty() || touched.isExpired(incidentId)) {
            return;
        }
        ObjectNode before = touched.peek(ItemKind.ALLOCATION, id);
        ObjectNode allocation = touched.item(ItemKind.ALLOCATION, id);
        JsonNode shortfall = allocation.get("shortfall");
        allocation.removeAll();
        allocation.put("id", id);
        allocation.put("incidentId", incidentId.toString());
        String status = data.path("status").asText();
        if ("CANCELLED".equals(status)) {
            allocation.put(PictureRetention.REMOVED, true);
        } else {
            data.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("allocationId") && !field.getKey().equals("incidentId")) {
                    allocation.set(field.getKey(), field.getValue());
                }
            });
            if (shortfall != null) {
                allocation.set("shortfall", shortfall);
            }
        }
        ObjectNode counts = section(section(touched.incident(incidentId), "materials"), "allocations");
        if (before != null) {
            count(counts, before.path("status").asText(), -1);
            if (before.has("shortfall") && "CANCELLED".equals(status)) {
                count(section(touched.incident(incidentId), "materials"), "short", -1);
            }
        }
        if (!"CANCELLED".equals(status)) {
            count(counts, status, 1);
        }
    }

    /** What an allocation could not cover, or not within the relief target: on the allocation, counted on its incident. */
    private static void allocationShortfall(Touched touched, JsonNode data) {
        UUID incidentId = uuid(data, "incidentId");
        String id = data.path("allocationId").asText("");
        if (incidentId == null || id.isEmpty() || touched.isExpired(incidentId)) {
            return;
        }
        ObjectNode allocation = touched.item(ItemKind.ALLOCATION, id);
        allocation.put("id", id);
        allocation.put("incidentId", incidentId.toString());
        ObjectNode shortfall = JSON.objectNode();
        data.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("allocationId") && !field.getKey().equals("incidentId")) {
                shortfall.set(field.getKey(), field.getValue());
            }
        });
        if (!allocation.has("shortfall")) {
            count(section(touched.incident(incidentId), "materials"), "short", 1);
        }
        allocation.set("shortfall", shortfall);
    }

    /** Adds to a count, dropping it at zero so that a count never seen and one gone back to none look the same. */
    private static void count(ObjectNode counts, String field, int by) {
        int now = counts.path(field).asInt(0) + by;
        if (now > 0) {
            counts.put(field, now);
        } else {
            counts.remove(field);
        }
    }

    /**
     * One line of an incident's section, by its id, as the latest event of its way left it (a call-off is called off,
     * then delivered, each event carrying it whole).
     */
    private static void incidentLine(Touched touched, JsonNode data, String section, String idField,
                                     EventEnvelope event) {
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId == null) {
            return;
        }
        ObjectNode line = JSON.objectNode();
        data.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("incidentId")) {
                line.set(field.getKey(), field.getValue());
            }
        });
        String id = data.path(idField).asText(event.id().toString());
        section(touched.incident(incidentId), section).set(id, line);
    }

    private static void shelter(Touched touched, EventEnvelope event, JsonNode data) {
        String shelterId = data.path("shelterId").asText();
        ObjectNode current = touched.peek(ItemKind.SHELTER, shelterId);
        if (current != null && olderThan(data, event, current)) {
            // An older event of this shelter, filed under another key and read after a newer one.
            return;
        }
        ObjectNode shelter = touched.item(ItemKind.SHELTER, shelterId);
        shelter.put("id", shelterId);
        copyIfPresent(data, shelter, "code", "kind", "areaCode", "capacity", "occupancy", "version");
        copyName(data, shelter, "shelterName");
        copyPosition(data, shelter);
        // A shelter open for an incident names it; one listed or closed names none (or the one it was open for).
        shelter.set("incidentId", "shelter.opened".equals(event.type()) || "shelter.occupancy-changed"
                .equals(event.type()) ? data.get("incidentId") : null);
        shelter.put("status", data.hasNonNull("status") ? data.get("status").asText()
                : "shelter.closed".equals(event.type()) || "shelter.listed".equals(event.type()) ? "CLOSED" : "OPEN");
        shelter.put("asOf", event.time().toInstant().toString());
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            ObjectNode line = JSON.objectNode();
            copyIfPresent(shelter, line, "name", "capacity", "occupancy");
            line.put("status", shelter.path("status").asText());
            section(touched.incident(incidentId), "shelters").set(shelterId, line);
        }
    }

    /** By the shelter's {@code version} (its count of changes), else by event time. */
    private static boolean olderThan(JsonNode data, EventEnvelope event, ObjectNode current) {
        if (data.hasNonNull("version") && current.hasNonNull("version")) {
            return data.path("version").asLong() <= current.path("version").asLong();
        }
        return current.path("asOf").asText("").compareTo(event.time().toInstant().toString()) > 0;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field) && !from.get(field).isNull()) {
                to.set(field, from.get(field));
            }
        }
    }

    private static void copyName(JsonNode from, ObjectNode to, String alternative) {
        JsonNode name = from.hasNonNull("name") ? from.get("name") : from.get(alternative);
        if (name != null && !name.isNull()) {
            to.set("name", name);
        }
    }

    /** Positions arrive as {latitude, longitude} (the contract's GeoPoint) or {lat, lon}; kept as the former. */
    private static void copyPosition(JsonNode from, ObjectNode to) {
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

    private static ObjectNode section(ObjectNode item, String field) {
        return item.get(field) instanceof ObjectNode existing ? existing : item.putObject(field);
    }

    private static UUID uuid(JsonNode data, String field) {
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

    /** The items one event touches: copied on first touch, so the picture as it stands is never changed in place. */
    private static final class Touched {
        private final Function<String, ObjectNode> current;
        private final Predicate<UUID> expired;
        private final Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        private final Map<String, ItemKind> kinds = new LinkedHashMap<>();

        Touched(Function<String, ObjectNode> current, Predicate<UUID> expired) {
            this.current = current;
            this.expired = expired;
        }

        ObjectNode peek(ItemKind kind, String id) {
            String key = PictureItem.key(kind, id);
            return bodies.containsKey(key) ? bodies.get(key) : current.apply(key);
        }

        ObjectNode peekIncident(UUID id) {
            ObjectNode incident = peek(ItemKind.INCIDENT, id.toString());
            return incident == null ? JSON.objectNode() : incident;
        }

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
                case WAREHOUSE, SHELTER -> {
                    if (body.hasNonNull("areaCode")) {
                        areas.add(body.get("areaCode").asText());
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
}
