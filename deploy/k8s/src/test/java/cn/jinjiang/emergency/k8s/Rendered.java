package cn.jinjiang.emergency.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The committed manifests, read back as a cluster would get them. */
final class Rendered {

    static final ObjectMapper YAML = new YAMLMapper();

    private Rendered() {
    }

    /** The repository's root: the nearest directory up with {@code mvnw}. */
    static Path repository() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    static Path k8s() {
        return repository().resolve("deploy/k8s");
    }

    static List<ObjectNode> documents(String text) throws IOException {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                }
            }
        }
        return documents;
    }

    static List<ObjectNode> overlay(Overlay overlay) throws IOException {
        return documents(Files.readString(k8s().resolve("rendered/" + overlay.directory() + ".yaml")));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** Documents by apiVersion, kind, namespace and name: how kustomize's output is compared, whatever its order. */
    static Map<String, JsonNode> byIdentity(List<ObjectNode> documents) {
        Map<String, JsonNode> byIdentity = new TreeMap<>();
        for (ObjectNode document : documents) {
            byIdentity.put(document.path("apiVersion").asText() + " " + document.path("kind").asText() + " "
                    + document.path("metadata").path("namespace").asText() + "/"
                    + document.path("metadata").path("name").asText(), document);
        }
        return byIdentity;
    }
}
