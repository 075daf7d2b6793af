package cn.jinjiang.emergency.shared.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Events as another service would publish them, built from the examples under /schemas/examples. */
public final class SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    /** A valid incident.reported for {@code incidentId}, with event id {@code eventId}. */
    public static String incidentReported(UUID eventId, UUID incidentId, String title) {
        ObjectNode event = example("incident.reported", eventId, incidentId);
        ((ObjectNode) event.get("data")).put("title", title);
        return write(event);
    }

    /**
     * The example of {@code type} (e.g. incident.closed) made about {@code incidentId}, with a fresh event id: a later
     * event of the chain for an incident already reported.
     */
    public static String about(String type, UUID incidentId) {
        return write(example(type, UUID.randomUUID(), incidentId));
    }

    private static ObjectNode example(String type, UUID eventId, UUID incidentId) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(
                    RepositoryRoot.get().resolve("schemas/examples/" + type + ".json").toFile());
            event.put("id", eventId.toString());
            event.put("subject", incidentId.toString());
            ((ObjectNode) event.get("data")).put("incidentId", incidentId.toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
