package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyIfPresent;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyName;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.copyPosition;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.section;
import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.uuid;

/**
 * What reserve-events own of shelters: each shelter as it stands, and the line an incident keeps of a shelter open
 * for it. A shelter's events travel under its incident's key or its own, so on different partitions: the highest
 * {@code version} wins.
 */
final class ShelterSection {

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.SHELTER_LISTED.type(), ShelterSection::shelter,
            EventType.SHELTER_OPENED.type(), ShelterSection::shelter,
            EventType.SHELTER_OCCUPANCY_CHANGED.type(), ShelterSection::shelter,
            EventType.SHELTER_CLOSED.type(), ShelterSection::shelter);

    private ShelterSection() {
    }

    private static void shelter(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
        // A shelter open names what for (an incident, a warning, a transfer); one listed or closed names none.
        boolean open = "shelter.opened".equals(event.type()) || "shelter.occupancy-changed".equals(event.type());
        for (String field : new String[] {"incidentId", "warningId", "transferId"}) {
            shelter.set(field, open ? data.get(field) : null);
        }
        shelter.put("status", data.hasNonNull("status") ? data.get("status").asText()
                : "shelter.closed".equals(event.type()) || "shelter.listed".equals(event.type()) ? "CLOSED" : "OPEN");
        shelter.put("asOf", event.time().toInstant().toString());
        UUID warningId = uuid(data, "warningId");
        if (warningId != null && !"shelter.listed".equals(event.type())) {
            forWarning(touched, warningId.toString(), shelterId, shelter, "shelter.closed".equals(event.type()));
        }
        UUID incidentId = uuid(data, "incidentId");
        if (incidentId != null) {
            ObjectNode line = JSON.objectNode();
            copyIfPresent(shelter, line, "name", "capacity", "occupancy");
            line.put("status", shelter.path("status").asText());
            section(touched.incident(incidentId), "shelters").set(shelterId, line);
        }
    }

    /**
     * The line a warning keeps of a shelter open for it or for one of its transfers, which its per-town figures count;
     * a closed shelter leaves it.
     */
    private static void forWarning(TouchedItems touched, String warningId, String shelterId, ObjectNode shelter,
            boolean closed) {
        ObjectNode warning = touched.item(ItemKind.WARNING, warningId);
        warning.put("id", warningId);
        ObjectNode shelters = section(warning, "shelters");
        if (closed) {
            shelters.remove(shelterId);
        } else {
            ObjectNode line = shelters.putObject(shelterId);
            copyIfPresent(shelter, line, "code", "name", "areaCode", "capacity", "occupancy");
            line.set("transferId", shelter.get("transferId"));
        }
        TransferTowns.summarise(warning);
    }

    /** By the shelter's {@code version} (its count of changes), else by event time. */
    private static boolean olderThan(JsonNode data, EventEnvelope event, ObjectNode current) {
        if (data.hasNonNull("version") && current.hasNonNull("version")) {
            return data.path("version").asLong() <= current.path("version").asLong();
        }
        return current.path("asOf").asText("").compareTo(event.time().toInstant().toString()) > 0;
    }
}
