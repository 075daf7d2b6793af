package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyPosition;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/**
 * What dispatch-events own: an incident's assignments, its units section, its dispatch shortfall and release
 * request; and the units themselves, from their status changes and the registry's listing. A unit's events may
 * travel under different keys (its incident's, then its own), so on different partitions: the highest
 * {@code unitVersion} wins.
 */
final class DispatchSection {

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.DISPATCH_ASSIGNED.type(), DispatchSection::assigned,
            EventType.DISPATCH_RELEASED.type(), DispatchSection::released,
            EventType.DISPATCH_SHORTFALL.type(), DispatchSection::shortfall,
            EventType.DISPATCH_RELEASE_REQUESTED.type(), DispatchSection::releaseRequested,
            EventType.UNIT_STATUS_CHANGED.type(), DispatchSection::unitStatus,
            EventType.UNIT_LISTED.type(), DispatchSection::unitListed,
            EventType.UNIT_POSITION_CHANGED.type(), DispatchSection::unitPosition);

    private DispatchSection() {
    }

    private static void assigned(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        ObjectNode assignment = section(incident, "assignments").putObject(data.path("assignmentId").asText());
        for (String field : List.of("unitId", "callSign", "unitType", "capabilities", "etaMinutes", "assignedBy",
                "assignedAt")) {
            assignment.set(field, data.get(field));
        }
        assignment.put("active", true);
        MutualAidSection.unitAssigned(touched, uuid(data, "incidentId"), data);
    }

    private static void released(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
        MutualAidSection.unitReleased(touched, uuid(data, "incidentId"), data.path("unitId").asText());
    }

    private static void shortfall(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        incident.set("dispatchShortfall", JSON.objectNode().<ObjectNode>set("grade", data.get("grade"))
                .<ObjectNode>set("missing", data.get("missing"))
                .set("evaluatedAt", data.get("evaluatedAt")));
    }

    private static void releaseRequested(TouchedItems touched, EventEnvelope event) {
        ObjectNode incident = touched.incident(uuid(event.data(), "incidentId"));
        incident.put("releaseRequested", true);
    }

    private static void unitStatus(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        UUID unitId = uuid(data, "unitId");
        long version = data.path("unitVersion").asLong();
        ObjectNode unit = touched.peek(ItemKind.UNIT, unitId.toString());
        if (unit == null || unit.path("unitVersion").asLong(-1) < version
                || unit.path("unitVersion").asLong(-1) == version && unit.path("statusListed").asBoolean()) {
            unit = touched.item(ItemKind.UNIT, unitId.toString());
            for (String field : List.of("unitId", "unitVersion", "status", "incidentId", "changedAt")) {
                unit.set(field, data.get(field));
            }
            if (!positionNewerThan(unit, data.path("changedAt"))) {
                unit.set("position", data.get("position"));
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
    private static void unitListed(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
            if (!positionNewerThan(unit, data.path("listedAt"))) {
                copyPosition(data, unit);
            }
            unit.put("statusListed", true);
            // The time of a move older than the listing: not what the status says any more, and absent when the
            // move is read after the listing, so dropped whatever the order.
            unit.remove("changedAt");
        }
    }

    /**
     * A unit's latest position (PUT /api/units/{id}/position, coalesced by dispatch). Positions are ordered by
     * {@code positionVersion}; the one a status change or a listing carries was where the unit stood at that moment,
     * so it does not replace a position reported after it ({@code positionAt}). The incident's own units line follows.
     */
    private static void unitPosition(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        String unitId = data.path("unitId").asText();
        long version = data.path("positionVersion").asLong();
        ObjectNode current = touched.peek(ItemKind.UNIT, unitId);
        if (current != null && current.path("positionVersion").asLong(0) >= version) {
            return;
        }
        ObjectNode unit = touched.item(ItemKind.UNIT, unitId);
        unit.put("id", unitId);
        if (!unit.has("callSign")) {
            unit.set("callSign", data.get("callSign"));
        }
        copyPosition(data, unit);
        unit.put("positionVersion", version);
        unit.set("positionAt", data.get("reportedAt"));
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null && unit.has("position") && touched.peekIncident(incidentId).path("units").has(unitId)
                && touched.incident(incidentId).path("units").path(unitId) instanceof ObjectNode line) {
            line.set("position", unit.get("position").deepCopy());
        }
    }

    /** Whether the unit's position was reported after {@code moment} (an ISO date-time; absent: it was not). */
    private static boolean positionNewerThan(ObjectNode unit, JsonNode moment) {
        if (!unit.hasNonNull("positionAt") || !moment.isTextual()) {
            return false;
        }
        try {
            return OffsetDateTime.parse(unit.get("positionAt").asText())
                    .isAfter(OffsetDateTime.parse(moment.asText()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
