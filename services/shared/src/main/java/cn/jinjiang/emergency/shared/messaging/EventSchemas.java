package cn.jinjiang.emergency.shared.messaging;

import cn.jinjiang.emergency.shared.contract.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

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
        JsonSchema schema = cache.computeIfAbsent(path,
                p -> factory.getSchema(SchemaLocation.of(EventType.SCHEMA_BASE + p), config));
        return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Known types are checked against their own schema, unknown ones against the envelope alone. */
    public List<String> problems(JsonNode event) {
        String type = event.path("type").asText("");
        String path = EventType.of(type).map(EventType::schemaPath).orElse(EventType.ENVELOPE_SCHEMA);
        return problems(path, event);
    }
}
