package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureRetention;
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
 * What reserve-events own of stock and relief: the warehouses (stock, low stock, expiring lots), the allocations,
 * and an incident's materials (its allocations counted by status, how many are short) and call-offs. Shelters, also
 * on reserve-events, are {@link ShelterSection}'s.
 */
final class ReserveSection {

    static final Map<String, SectionUpdate> UPDATES = Map.of(
            EventType.RESERVE_STOCK_CHANGED.type(), ReserveSection::stock,
            EventType.RESERVE_STOCK_LOW.type(), ReserveSection::lowStock,
            EventType.RESERVE_EXPIRY_APPROACHING.type(), ReserveSection::expiring,
            EventType.RESERVE_ALLOCATED.type(), ReserveSection::allocation,
            EventType.RESERVE_DISPATCHED.type(), ReserveSection::allocation,
            EventType.RESERVE_DELIVERED.type(), ReserveSection::allocation,
            EventType.RESERVE_RELEASED.type(), ReserveSection::allocation,
            EventType.RESERVE_ALLOCATION_SHORTFALL.type(), ReserveSection::allocationShortfall,
            EventType.RESERVE_CALLED_OFF.type(), ReserveSection::callOff,
            EventType.RESERVE_CALL_OFF_DELIVERED.type(), ReserveSection::callOff);

    private ReserveSection() {
    }

    /**
     * A warehouse's whole stock; {@code stockVersion} only grows, so an older announcement read late changes nothing.
     * {@code stock} keeps what is free per item, {@code onHand} what is on the shelves.
     */
    private static void stock(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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

    private static void lowStock(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        String warehouseId = data.path("warehouseId").asText(null);
        if (warehouseId == null) {
            return;
        }
        section(warehouse(touched, data, warehouseId), "lowStock").set(data.path("itemCode").asText(),
                JSON.objectNode().<ObjectNode>set("available", data.get("available"))
                        .<ObjectNode>set("lowStockLevel", data.get("lowStockLevel")).set("at", data.get("at")));
    }

    private static void expiring(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
        String warehouseId = data.path("warehouseId").asText(null);
        if (warehouseId == null) {
            return;
        }
        section(warehouse(touched, data, warehouseId), "expiring").set(data.path("lotId").asText(), JSON.objectNode()
                .<ObjectNode>set("itemCode", data.get("itemCode")).<ObjectNode>set("onHand", data.get("onHand"))
                .<ObjectNode>set("expiresOn", data.get("expiresOn")).set("daysLeft", data.get("daysLeft")));
    }

    private static ObjectNode warehouse(TouchedItems touched, JsonNode data, String warehouseId) {
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
    private static void allocation(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
        MutualAidSection.allocation(touched, incidentId, data);
    }

    /** What an allocation could not cover, or not within the relief target: on the allocation, counted on its incident. */
    private static void allocationShortfall(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
     * One line of an incident's call-offs, by its id, as the latest event of its way left it (a call-off is called
     * off, then delivered, each event carrying it whole).
     */
    private static void callOff(TouchedItems touched, EventEnvelope event) {
        JsonNode data = event.data();
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
        String id = data.path("callOffId").asText(event.id().toString());
        section(touched.incident(incidentId), "callOffs").set(id, line);
    }
}
