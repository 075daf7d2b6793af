package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyIfPresent;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;

/**
 * What warning-events own of a warning besides its notices: the areas that acknowledged it (叫应) or were told
 * overdue, and its transfers (转移) area by area. They travel under the warning's key, after the warning's own notices.
 * Each change works the warning's per-town figures out again ({@link TransferTowns}).
 */
final class TransferSection {

    private static final String[] COUNTS = {"planned", "moved", "remaining", "refused", "vulnerableMoved"};

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.TRANSFER_ORDERED.type(), TransferSection::ordered,
            EventType.TRANSFER_PROGRESS_REPORTED.type(), (touched, event) -> progress(touched, event, false),
            EventType.TRANSFER_OVERDUE.type(), (touched, event) -> progress(touched, event, true),
            EventType.TRANSFER_CLOSED.type(), TransferSection::closed,
            EventType.WARNING_ACKNOWLEDGED.type(), TransferSection::acknowledged,
            EventType.WARNING_ACKNOWLEDGEMENT_OVERDUE.type(), TransferSection::acknowledgementOverdue);

    private TransferSection() {
    }

    private static void ordered(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode warning = warning(touched, data);
        ObjectNode transfer = transfer(warning, data);
        transfer.put("status", "OPEN");
        copyIfPresent(data, transfer, "deadline", "reason");
        ObjectNode areas = section(transfer, "areas");
        for (JsonNode ordered : data.path("areas")) {
            ObjectNode area = section(areas, ordered.path("areaCode").asText());
            copyIfPresent(ordered, area, "townCode", "planned", "vulnerable", "responsible");
            // A count reported before the order was read (another instance's order, replayed) is kept.
            if (!area.has("moved")) {
                area.put("moved", 0).put("remaining", ordered.path("planned").asInt()).put("refused", 0)
                        .put("vulnerableMoved", 0).put("overdue", false);
            }
        }
        TransferTowns.summarise(warning);
    }

    private static void progress(TouchedItems touched, EventEnvelope event, boolean overdue) {
        JsonNode data = event.data();
        ObjectNode warning = warning(touched, data);
        ObjectNode transfer = transfer(warning, data);
        ObjectNode area = section(section(transfer, "areas"), data.path("areaCode").asText());
        copyIfPresent(data, area, "townCode");
        copyIfPresent(data, area, COUNTS);
        copyIfPresent(data, area, "shelters");
        if (overdue) {
            area.put("overdue", true);
        } else if (!area.has("overdue")) {
            area.put("overdue", false);
        }
        TransferTowns.summarise(warning);
    }

    private static void closed(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode warning = warning(touched, data);
        ObjectNode transfer = transfer(warning, data);
        transfer.put("status", "CLOSED");
        copyIfPresent(data, transfer, "reason");
        transfer.set("closedAt", data.get("at"));
        TransferTowns.summarise(warning);
    }

    private static void acknowledged(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode warning = warning(touched, data);
        ObjectNode line = section(section(warning, "acknowledged"), data.path("areaCode").asText());
        copyIfPresent(data, line, "by", "at");
        TransferTowns.summarise(warning);
    }

    private static void acknowledgementOverdue(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        ObjectNode warning = warning(touched, data);
        section(warning, "acknowledgementOverdue").set(data.path("areaCode").asText(), data.get("at"));
        TransferTowns.summarise(warning);
    }

    private static ObjectNode warning(TouchedItems touched, JsonNode data) {
        String warningId = data.path("warningId").asText();
        ObjectNode warning = touched.item(ItemKind.WARNING, warningId);
        warning.put("id", warningId);
        return warning;
    }

    private static ObjectNode transfer(ObjectNode warning, JsonNode data) {
        return section(section(warning, "transfers"), data.path("transferId").asText());
    }
}
