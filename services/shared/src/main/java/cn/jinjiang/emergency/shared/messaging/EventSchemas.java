package cn.jinjiang.emergency.shared.messaging;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates events against the JSON Schemas in /schemas. The schema ids are canonical URLs that are mapped onto a
 * copy of /schemas (the classpath one at run time, the repo folder in tests), so nothing is ever fetched.
 */
public final class EventSchemas {

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> cache = new ConcurrentHashMap<>();

    private EventSchemas(String schemasRoot) {
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_BASE, schemasRoot)));
    }

    /** Schemas as packaged on the classpath of every service. */
    public static EventSchemas fromClasspath() {
        return new EventSchemas("classpath:schemas/");
    }

    /** Schemas straight from a folder, e.g. the repository's /schemas in contract tests. */
    public static EventSchemas fromDirectory(java.nio.file.Path dir) {
        return new EventSchemas(dir.toUri().toString());
    }

    /** Problems of {@code event} against the schema at {@code path} (relative to /schemas); empty when valid. */
    public List<String> problems(String path, JsonNode event) {
        return violations(path, event).stream().map(Violation::message).toList();
    }

    /** Known types are checked against their own schema, unknown ones against the envelope alone. */
    public List<String> problems(JsonNode event) {
        return violations(event).stream().map(Violation::message).toList();
    }

    /** Like {@link #problems(JsonNode)}, with where in the event each one is. */
    public List<Violation> violations(JsonNode event) {
        String type = event.path("type").asText("");
        return violations(EventType.of(type).map(EventType::schemaPath).orElse(EventType.ENVELOPE_SCHEMA), event);
    }

    private List<Violation> violations(String path, JsonNode event) {
        JsonSchema schema = cache.computeIfAbsent(path,
                p -> factory.getSchema(SchemaLocation.of(EventType.SCHEMA_BASE + p), config));
        return schema.validate(event).stream()
                .map(message -> new Violation(message.getInstanceLocation().toString(), message.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::message))
                .toList();
    }

    /**
     * @param location where in the event, as a JSON Pointer, e.g. {@code /data/occurredAt}
     * @param message  the schema's complaint, starting with the location
     */
    public record Violation(String location, String message) {

        private static final String DATA = "/data/";

        /** The field of the event's data, as a request names it (e.g. {@code location.latitude}), or null. */
        public String dataField() {
            return location.startsWith(DATA) ? location.substring(DATA.length()).replace('/', '.') : null;
        }

        /** The complaint without its location prefix. */
        public String complaint() {
            return message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message;
        }
    }
}
