package cn.jinjiang.emergency.shared.messaging;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
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

    /**
     * Writes an event this service is about to commit, after checking it against its schema: an event its consumers
     * would refuse must never be committed. A violation in the event's data is the request's fault (it names the
     * field); anywhere else it is this service's defect.
     *
     * @throws InvalidFieldException naming the data field that breaks the schema
     */
    public String writeChecked(EventEnvelope event) {
        List<EventSchemas.Violation> violations = schemas.violations(mapper.valueToTree(event));
        if (violations.isEmpty()) {
            return write(event);
        }
        EventSchemas.Violation first = violations.get(0);
        if (first.dataField() == null) {
            throw new IllegalStateException("event " + event.type() + " breaks its schema: " + first.message());
        }
        throw new InvalidFieldException(first.dataField(), first.complaint());
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
