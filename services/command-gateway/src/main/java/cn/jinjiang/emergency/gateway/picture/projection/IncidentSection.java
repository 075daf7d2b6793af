package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/**
 * What incident-events own of an incident: its state (type, title, grade, area, location, casualties, status,
 * {@code updatedAt}), its report chain and its overdue reports.
 */
final class IncidentSection {

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.INCIDENT_REPORTED.type(), IncidentSection::reported,
            EventType.INCIDENT_UPDATED.type(), IncidentSection::report,
            EventType.INCIDENT_CLOSED.type(), IncidentSection::report,
            EventType.INCIDENT_REGRADED.type(), IncidentSection::regraded,
            EventType.INCIDENT_REOPENED.type(), IncidentSection::reopened,
            EventType.INCIDENT_MERGED.type(), IncidentSection::merged,
            EventType.REPORT_OVERDUE.type(), IncidentSection::overdue);

    private IncidentSection() {
    }

    private static void reported(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        for (String field : List.of("type", "title", "grade", "areaCode", "location", "occurredAt", "reportedAt",
                "reportedBy", "casualties", "directLossCny", "peopleEvacuated", "housesCollapsed",
                "locationOutsideArea")) {
            if (data.has(field)) {
                incident.set(field, data.get(field));
            }
        }
        if (data.path("possibleDuplicates").isArray()) {
            incident.set("possibleDuplicates", links(data.get("possibleDuplicates")));
        }
        incident.set("assessedGrade", data.get("grade"));
        incident.put("status", "OPEN");
        incident.set("updatedAt", data.get("reportedAt"));
        ObjectNode first = JSON.objectNode().put("sequence", 1).put("kind", "FIRST")
                .<ObjectNode>set("reportedAt", data.get("reportedAt"))
                .<ObjectNode>set("reportedBy", data.get("reportedBy"))
                .<ObjectNode>set("casualties", data.get("casualties")).set("grade", data.get("grade"));
        // On the report line, as a follow-up's situation is, so the item's bound shortens them alike. The contact
        // phone goes no further than the picture: screens show an incident only to those who may see it.
        for (String field : List.of("situation", "actionsTaken", "contactPhone")) {
            if (data.hasNonNull(field)) {
                first.set(field, data.get(field));
            }
        }
        chain(incident).set("1", first);
    }

    /**
     * Possible duplicates, each as {@code {incidentId, areaCode, distanceMeters}}: screens show a link only to viewers
     * who may see the linked incident. A link recorded before links carried their area (a bare id) becomes
     * {@code {incidentId}} alone, which no duty officer is shown.
     */
    private static ArrayNode links(JsonNode links) {
        ArrayNode kept = JSON.arrayNode();
        for (JsonNode link : links) {
            kept.add(link.isTextual() ? JSON.objectNode().set("incidentId", link) : link);
        }
        return kept;
    }

    /** A follow-up (续报) or the final report (终报), which closes the incident. */
    private static void report(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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

    private static void regraded(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        incident.set("grade", data.get("grade"));
        incident.set("assessedGrade", data.get("assessedGrade"));
        incident.set("updatedAt", data.get("changedAt"));
    }

    private static void reopened(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        incident.put("status", "OPEN");
        incident.set("updatedAt", data.get("reopenedAt"));
    }

    private static void merged(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        incident.put("status", "MERGED");
        incident.set("mergedInto", data.get("mergedInto"));
        incident.set("updatedAt", data.get("mergedAt"));
    }

    private static void overdue(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode incident = touched.incident(uuid(data, "incidentId"));
        section(incident, "overdue").set(data.path("deadlineId").asText(), JSON.objectNode()
                .<ObjectNode>set("kind", data.get("kind")).<ObjectNode>set("dueAt", data.get("dueAt")));
    }
}
