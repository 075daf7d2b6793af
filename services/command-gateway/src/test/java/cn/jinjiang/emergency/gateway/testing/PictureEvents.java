package cn.jinjiang.emergency.gateway.testing;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as the other services publish them (from /schemas/examples where one exists), sent to the real broker. */
public final class PictureEvents {

    public static final String ANHAI = "350582100000";
    public static final String CIZAO = "350582101000";
    public static final String DONGSHI = "350582104000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PictureEvents() {
    }

    public static ObjectNode example(String type, UUID subject) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(
                    RepositoryRoot.get().resolve("schemas/examples/" + type + ".json").toFile());
            event.put("id", UUID.randomUUID().toString());
            event.put("subject", subject.toString());
            event.put("time", Instant.now().toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event of a type with no schema in this version (the reserves' events), held to the envelope alone. */
    public static ObjectNode envelope(String type, String source, UUID subject, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", source).put("type", type).put("subject", subject.toString())
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json")
                .put("dataschema", "https://emergency.jinjiang.gov.cn/schemas/events/" + type + ".schema.json");
        event.set("data", data);
        return event;
    }

    public static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    public static ObjectNode reported(UUID incident, String area, String grade, String title) {
        ObjectNode event = example("incident.reported", incident);
        data(event).put("incidentId", incident.toString()).put("areaCode", area).put("grade", grade)
                .put("title", title);
        return event;
    }

    public static ObjectNode located(ObjectNode reported, double latitude, double longitude) {
        data(reported).putObject("location").put("latitude", latitude).put("longitude", longitude);
        return reported;
    }

    public static ObjectNode followUp(UUID incident, int sequence, String situation) {
        ObjectNode event = example("incident.updated", incident);
        data(event).put("incidentId", incident.toString()).put("reportId", UUID.randomUUID().toString())
                .put("sequence", sequence).put("situation", situation);
        return event;
    }

    public static ObjectNode assigned(UUID incident, UUID unit, String callSign) {
        ObjectNode event = example("dispatch.assigned", incident);
        data(event).put("incidentId", incident.toString()).put("assignmentId", UUID.randomUUID().toString())
                .put("unitId", unit.toString()).put("callSign", callSign);
        return event;
    }

    public static ObjectNode unitStatus(UUID unit, UUID incident, String previous, String status, long version,
                                        double latitude, double longitude) {
        ObjectNode event = unitEvent("unit.status-changed", unit, incident, status, version, latitude, longitude);
        data(event).put("previousStatus", previous);
        return event;
    }

    /** A unit as the registry announces it: keyed by its incident when it is busy with one, else by its own id. */
    public static ObjectNode unitListed(UUID unit, UUID incident, String status, long unitVersion, long listedVersion,
                                        double latitude, double longitude) {
        ObjectNode event = unitEvent("unit.listed", unit, incident, status, unitVersion, latitude, longitude);
        data(event).put("listedVersion", listedVersion);
        return event;
    }

    private static ObjectNode unitEvent(String type, UUID unit, UUID incident, String status, long unitVersion,
                                        double latitude, double longitude) {
        ObjectNode event = unitAt(type, unit, incident, latitude, longitude);
        data(event).put("callSign", "JJ-TEST-" + unit.toString().substring(0, 8).toUpperCase()).put("status", status)
                .put("unitVersion", unitVersion);
        return event;
    }

    /** A unit's reported position (unit.position-changed), on its incident or at none. */
    public static ObjectNode positionChanged(UUID unit, UUID incident, long version, double latitude,
                                             double longitude, Instant reportedAt) {
        ObjectNode event = unitAt("unit.position-changed", unit, incident, latitude, longitude);
        data(event).put("positionVersion", version).put("reportedAt", reportedAt.toString());
        return event;
    }

    /** An event of {@code type} about the unit, keyed by its incident (or itself at none), with its position. */
    private static ObjectNode unitAt(String type, UUID unit, UUID incident, double latitude, double longitude) {
        ObjectNode event = example(type, incident == null ? unit : incident);
        ObjectNode data = data(event).put("unitId", unit.toString());
        if (incident == null) {
            data.putNull("incidentId");
        } else {
            data.put("incidentId", incident.toString());
        }
        data.putObject("position").put("latitude", latitude).put("longitude", longitude);
        return event;
    }

    public static ObjectNode warningIssued(UUID warning, UUID incident, List<String> areas) {
        ObjectNode event = example("warning.issued", incident);
        ObjectNode data = data(event).put("warningId", warning.toString()).put("incidentId", incident.toString());
        data.putArray("areaCodes").addAll(areas.stream().map(JSON.getNodeFactory()::textNode).toList());
        return event;
    }

    public static ObjectNode coverage(UUID warning, UUID incident, double percent) {
        ObjectNode event = example("warning.coverage-changed", incident);
        ObjectNode data = data(event).put("warningId", warning.toString()).put("incidentId", incident.toString());
        ((ObjectNode) data.get("overall")).put("coveragePercent", percent);
        return event;
    }

    public static ObjectNode stockChanged(UUID warehouse, String name, String area, double latitude,
                                          double longitude, String item, int available) {
        ObjectNode event = example("reserve.stock-changed", warehouse);
        ObjectNode data = data(event).put("warehouseId", warehouse.toString()).put("name", name)
                .put("areaCode", area).put("stockVersion", System.nanoTime());
        data.putObject("position").put("latitude", latitude).put("longitude", longitude);
        data.putArray("items").addObject().put("itemCode", item).put("onHand", available).put("reserved", 0)
                .put("available", available);
        return event;
    }

    public static ObjectNode allocated(UUID incident, UUID allocation, String item, int quantity) {
        ObjectNode event = example("reserve.allocated", incident);
        ObjectNode data = data(event).put("incidentId", incident.toString())
                .put("allocationId", allocation.toString());
        ((ObjectNode) data.get("lines").get(0)).put("itemCode", item).put("requested", quantity)
                .put("reserved", quantity);
        ((ObjectNode) data.get("picks").get(0)).put("itemCode", item).put("quantity", quantity);
        return event;
    }

    public static ObjectNode shelter(String type, UUID shelter, UUID incident, String area, double latitude,
                                     double longitude, int capacity, int occupancy) {
        ObjectNode event = example(type, incident == null ? shelter : incident);
        ObjectNode data = data(event).put("shelterId", shelter.toString()).put("areaCode", area)
                .put("capacity", capacity).put("occupancy", occupancy).put("version", System.nanoTime())
                .put("status", type.equals("shelter.listed") || type.equals("shelter.closed") ? "CLOSED" : "OPEN");
        data.putObject("position").put("latitude", latitude).put("longitude", longitude);
        if (incident == null) {
            data.putNull("incidentId");
        } else {
            data.put("incidentId", incident.toString());
        }
        return event;
    }

    public static void send(String topic, ObjectNode event) {
        TopicReader.send(RealInfrastructure.broker(), topic, event.path("subject").asText(), write(event));
    }

    /** In one produce request: the gateway takes them in one poll. */
    public static void sendAll(String topic, List<ObjectNode> events) {
        TopicReader.sendAll(RealInfrastructure.broker(), topic, events.get(0).path("subject").asText(),
                events.stream().map(PictureEvents::write).toList());
    }

    public static String topicOf(ObjectNode event) {
        String type = event.path("type").asText();
        if (type.startsWith("incident.")) {
            return Topics.INCIDENT_EVENTS;
        }
        if (type.startsWith("dispatch.") || type.startsWith("unit.")) {
            return Topics.DISPATCH_EVENTS;
        }
        if (type.startsWith("warning.") || type.startsWith("transfer.")) {
            return Topics.WARNING_EVENTS;
        }
        return Topics.RESERVE_EVENTS;
    }

    public static void send(ObjectNode event) {
        send(topicOf(event), event);
    }

    public static String write(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
