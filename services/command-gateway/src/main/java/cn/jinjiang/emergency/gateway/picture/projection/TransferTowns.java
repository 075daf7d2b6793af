package cn.jinjiang.emergency.gateway.picture.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

import static cn.jinjiang.emergency.gateway.picture.projection.ItemFields.JSON;

/**
 * A warning's figures per town (street), for the command centre's screen: from its transfers, the people to move,
 * moved, still to move and refusing; from the shelters open for it, the people inside and the free places; and whether
 * the town acknowledged the warning. Worked out again from the warning's sections whenever one changes, whichever
 * topic changed it (warning-events the transfers and acknowledgements, reserve-events the shelters).
 */
final class TransferTowns {

    private TransferTowns() {
    }

    static void summarise(ObjectNode warning) {
        Map<String, ObjectNode> towns = new TreeMap<>();
        warning.path("transfers").forEach(transfer -> transfer.path("areas").fields().forEachRemaining(entry -> {
            JsonNode area = entry.getValue();
            ObjectNode town = town(towns, area.path("townCode").asText(townOf(entry.getKey())));
            add(town, "ordered", area.path("planned").asInt());
            add(town, "moved", area.path("moved").asInt());
            add(town, "remaining", area.path("remaining").asInt());
            add(town, "refused", area.path("refused").asInt());
            add(town, "vulnerableMoved", area.path("vulnerableMoved").asInt());
            add(town, "overdueAreas", area.path("overdue").asBoolean() ? 1 : 0);
        }));
        warning.path("shelters").forEach(shelter -> {
            ObjectNode town = town(towns, townOf(shelter.path("areaCode").asText()));
            int occupancy = shelter.path("occupancy").asInt();
            add(town, "inShelters", occupancy);
            add(town, "freePlaces", Math.max(0, shelter.path("capacity").asInt() - occupancy));
            add(town, "shelters", 1);
        });
        ObjectNode summary = JSON.objectNode();
        towns.forEach((code, town) -> summary.set(code,
                town.put("acknowledged", warning.path("acknowledged").has(code))));
        warning.set("towns", summary);
    }

    private static ObjectNode town(Map<String, ObjectNode> towns, String code) {
        return towns.computeIfAbsent(code, c -> JSON.objectNode().put("ordered", 0).put("moved", 0)
                .put("remaining", 0).put("refused", 0).put("vulnerableMoved", 0).put("overdueAreas", 0)
                .put("inShelters", 0).put("freePlaces", 0).put("shelters", 0));
    }

    private static void add(ObjectNode town, String field, int value) {
        town.put(field, town.path(field).asInt() + value);
    }

    /** The town (street) an area lies in: a village's code with its last three digits zeroed. */
    private static String townOf(String areaCode) {
        return areaCode.length() == 12 ? areaCode.substring(0, 9) + "000" : areaCode;
    }
}
