package cn.jinjiang.emergency.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Strimzi resource of both overlays read into Strimzi's own Java model (io.strimzi:api 0.51.0, the operator's
 * version): a field the model does not know is kept in an {@code additionalProperties} map instead of failing, so
 * every such map, at any depth, must be empty. Beside {@link CrdSchemaTest} (the CRD schemas from ../shared), this
 * check needs nothing outside the build.
 */
class StrimziModelTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, Class<?>> KINDS = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);

    @Test
    void everyStrimziResourceIsKnownFieldForFieldToStrimzisModel() throws Exception {
        for (Overlay overlay : Overlay.values()) {
            int read = 0;
            for (ObjectNode document : Rendered.overlay(overlay)) {
                Class<?> type = KINDS.get(document.path("kind").asText());
                if (type == null || !document.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                    continue;
                }
                List<String> unknown = unknownFields(MAPPER.treeToValue(document, type));
                assertEquals(List.of(), unknown, overlay + " " + document.path("kind").asText() + " "
                        + document.at("/metadata/name").asText() + ": fields Strimzi's model does not know");
                read++;
            }
            // The cluster, its node pool, a topic and a dead-letter topic per topic, a user per service and more.
            assertTrue(read >= 2 + 2 * 6 + 5, overlay + ": only " + read + " Strimzi resources read");
        }
    }

    @Test
    void aMisspeltFieldIsFound() throws Exception {
        ObjectNode kafka = Rendered.ofKind(Rendered.overlay(Overlay.PRODUCTION), "Kafka").get(0).deepCopy();
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).put("tsl", true);
        List<String> unknown = unknownFields(MAPPER.treeToValue(kafka, Kafka.class));
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).endsWith("tsl"), unknown.toString());
        // The same resource as committed: nothing unknown (so the one above is the misspelling, not the walk).
        assertEquals(List.of(), unknownFields(MAPPER.treeToValue(
                Rendered.ofKind(Rendered.overlay(Overlay.PRODUCTION), "Kafka").get(0), Kafka.class)));
    }

    /** The paths of every entry of every additionalProperties map reachable from {@code model} through getters. */
    private static List<String> unknownFields(Object model) throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, Set<Object> seen)
            throws ReflectiveOperationException {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.strimzi.") || value.getClass().isEnum()) {
            return;
        }
        if (value instanceof UnknownPropertyPreserving preserving && preserving.getAdditionalProperties() != null) {
            preserving.getAdditionalProperties().keySet().forEach(key -> unknown.add(path + "." + key));
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && (getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    && !getter.getName().equals("getAdditionalProperties") && !getter.getName().equals("getClass")) {
                Object child;
                try {
                    child = getter.invoke(value);
                } catch (InvocationTargetException e) {
                    continue; // a derived getter that cannot answer for this resource
                }
                walk(child, path + "." + getter.getName(), unknown, seen);
            }
        }
    }
}
