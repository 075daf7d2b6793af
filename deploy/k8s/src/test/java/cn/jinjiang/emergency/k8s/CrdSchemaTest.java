package cn.jinjiang.emergency.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every Strimzi and CloudNativePG resource validates against the operator's own CRD schema, closed as the API
 * server's strict field validation closes it: an object schema that lists its properties and neither allows others
 * nor preserves unknown fields refuses a field it does not list, so a misspelt one is an error, not silently kept.
 * The CRDs are upstream data beside the repository ({@code ../shared/crds}): read from there, never copied in; where
 * they are absent the test says so and is skipped, except under {@code CI=true}.
 */
class CrdSchemaTest {

    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();
    /** Operator kinds the manifests use whose CRD is not among ../shared/crds (CloudNativePG's backups). */
    private static final Set<String> WITHOUT_CRD_HERE = Set.of("ScheduledBackup");

    @BeforeAll
    static void schemas() throws IOException {
        Path crds = Rendered.repository().resolveSibling("shared").resolve("crds");
        if (!Files.isDirectory(crds)) {
            String why = "the operators' CRDs are not at " + crds + " (../shared/crds beside the checkout)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI must provide them");
            }
            System.out.println("CrdSchemaTest skipped: " + why);
            Assumptions.abort(why);
        }
        try (Stream<Path> files = Files.walk(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (ObjectNode crd : Rendered.documents(Files.readString(file))) {
                    String group = crd.at("/spec/group").asText();
                    String kind = crd.at("/spec/names/kind").asText();
                    for (JsonNode version : crd.at("/spec/versions")) {
                        JsonNode schema = close(version.at("/schema/openAPIV3Schema").deepCopy());
                        SCHEMAS.put(group + "/" + version.path("name").asText() + " " + kind,
                                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema));
                    }
                }
            }
        }
    }

    /** Closes every object schema that lists properties and neither allows others nor preserves unknown fields. */
    static JsonNode close(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(CrdSchemaTest::close);
        } else if (schema != null && schema.isArray()) {
            schema.elements().forEachRemaining(CrdSchemaTest::close);
        }
        return schema;
    }

    @Test
    void everyOperatorResourceMatchesItsCrdClosedForUnknownFields() throws IOException {
        int checked = 0;
        for (Overlay overlay : Overlay.values()) {
            for (ObjectNode document : Rendered.overlay(overlay)) {
                String apiVersion = document.path("apiVersion").asText();
                if (!apiVersion.contains("strimzi.io") && !apiVersion.contains("cnpg.io")) {
                    continue;
                }
                String key = apiVersion + " " + document.path("kind").asText();
                JsonSchema schema = SCHEMAS.get(key);
                if (schema == null && WITHOUT_CRD_HERE.contains(document.path("kind").asText())) {
                    continue;
                }
                assertTrue(schema != null, "no CRD for " + key);
                Set<ValidationMessage> problems = schema.validate(document);
                assertEquals(Set.of(), problems, overlay + " " + key + " " + document.at("/metadata/name").asText());
                checked++;
            }
        }
        assertTrue(checked > 20, "checked only " + checked + " resources");
    }

    @Test
    void theClosedSchemaRefusesAMisspeltField() throws IOException {
        ObjectNode topic = Rendered.ofKind(Rendered.overlay(Overlay.DEV), "KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitons", 3);
        Set<ValidationMessage> problems = SCHEMAS.get(topic.path("apiVersion").asText() + " KafkaTopic")
                .validate(topic);
        assertTrue(problems.stream().anyMatch(p -> p.getMessage().contains("partitons")), problems.toString());
    }
}
