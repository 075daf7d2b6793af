package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/**
 * What warning-events own: each warning as its latest notice left it, with its coverage, and the line its incident
 * keeps of it. A notice is carried into the item field by field as it is, so fields the contract gains later are shown
 * at once.
 */
final class WarningSection {

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.WARNING_ISSUED.type(), WarningSection::notice,
            EventType.WARNING_UPDATED.type(), WarningSection::notice,
            EventType.WARNING_CANCELLED.type(), WarningSection::notice,
            EventType.WARNING_EXPIRED.type(), WarningSection::notice,
            EventType.WARNING_COVERAGE_CHANGED.type(),
            (touched, event) -> coverage(touched, event.data(), "coverage", event.data().get("overall")),
            EventType.WARNING_COVERAGE_SHORTFALL.type(),
            (touched, event) -> coverage(touched, event.data(), "coverageShortfall", event.data()));

    private WarningSection() {
    }

    private static void notice(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        String warningId = data.path("warningId").asText();
        ObjectNode warning = touched.item(ItemKind.WARNING, warningId);
        data.fields().forEachRemaining(field -> warning.set(field.getKey(), field.getValue()));
        warning.put("id", warningId);
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            section(touched.incident(incidentId), "warnings").set(warningId, warningLine(warning));
        }
    }

    private static void coverage(TouchedItems touched, JsonNode data, String field, JsonNode value) {
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
}
