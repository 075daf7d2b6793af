package cn.jinjiang.emergency.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.ValidationReport;
import io.fabric8.kubernetes.schema.validator.Validator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every resource of a kind the Kubernetes API itself defines (workloads, Services, budgets, autoscalers, network
 * policies, ConfigMaps) validates against the API's OpenAPI schema, with fabric8's validator: a wrong type or a
 * missing required field fails here, not at {@code kubectl apply}.
 */
class CoreKindsSchemaTest {

    private static final Set<String> CORE_KINDS = Set.of("Deployment", "StatefulSet", "Service",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ConfigMap");
    private static final Validator VALIDATOR = Validator.newInstance();

    @Test
    void everyCoreResourceMatchesTheKubernetesSchema() throws IOException {
        int checked = 0;
        for (Overlay overlay : Overlay.values()) {
            for (ObjectNode document : Rendered.overlay(overlay)) {
                if (!CORE_KINDS.contains(document.path("kind").asText())) {
                    continue;
                }
                ValidationReport report = VALIDATOR.validate(document);
                assertEquals(List.of(), errors(report), overlay + " " + document.path("kind").asText() + " "
                        + document.at("/metadata/name").asText());
                checked++;
            }
        }
        assertTrue(checked >= 2 * 26, "checked only " + checked); // per overlay: a ConfigMap, five services × five
    }

    @Test
    void aWrongTypeIsCaught() throws IOException {
        ObjectNode deployment = Rendered.ofKind(Rendered.overlay(Overlay.DEV), "Deployment").get(0).deepCopy();
        ((ObjectNode) deployment.path("spec")).put("replicas", "two");
        assertFalse(errors(VALIDATOR.validate(deployment)).isEmpty(), "replicas: \"two\" passed");
    }

    /**
     * The errors, but one the schema cannot tell from a valid value: the API's int-or-string fields
     * ({@code maxUnavailable}, a NetworkPolicy's {@code port}) are written there as strings, while the API takes a
     * number too (and a PodDisruptionBudget's string must be a percentage), so an integer in one is not an error.
     */
    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationMessage.Level.ERROR)
                .map(ValidationMessage::getMessage)
                .filter(message -> !INT_OR_STRING.matcher(message).find())
                .collect(Collectors.toList());
    }

    private static final Pattern INT_OR_STRING = Pattern.compile(
            "^\\[Path '[^']*/(maxUnavailable|port)'\\] Instance type \\(integer\\) does not match any allowed "
                    + "primitive type \\(allowed: \\[\"string\"\\]\\)");
}
