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
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(
                    RepositoryRoot.get().resolve("schemas/examples/incident.reported.json").toFile());
            event.put("id", eventId.toString());
            event.put("subject", incidentId.toString());
            ObjectNode data = (ObjectNode) event.get("data");
            data.put("incidentId", incidentId.toString());
            data.put("title", title);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
