package cn.jinjiang.emergency.shared.messaging;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Builds, writes and reads events; every event read is checked against its schema first. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    private final ServiceConfig config;
    private final EventSchemas schemas = EventSchemas.fromClasspath();

    public EventCodec(ObjectMapper mapper, ServiceConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    public EventEnvelope envelope(EventType type, UUID incidentId, Object data) {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataClass().getSimpleName());
        }
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), "/" + config.name(), type.type(),
                incidentId.toString(), OffsetDateTime.now(ZoneOffset.UTC), EventEnvelope.JSON, type.dataschema(),
                mapper.valueToTree(data));
    }

    public String write(EventEnvelope event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written", e);
        }
    }

    /** @throws PoisonEventException when the record is not JSON or breaks its schema */
    public EventEnvelope read(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonEventException("empty record");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        List<String> problems = schemas.problems(tree);
        if (!problems.isEmpty()) {
            throw new PoisonEventException("violates " + tree.path("type").asText("its envelope") + " schema: "
                    + String.join("; ", problems));
        }
        try {
            return mapper.treeToValue(tree, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("unreadable envelope: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T data(EventEnvelope event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("unreadable " + event.type() + " data: " + e.getOriginalMessage(), e);
        }
    }
}
