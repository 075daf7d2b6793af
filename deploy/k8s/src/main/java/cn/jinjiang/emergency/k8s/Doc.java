package cn.jinjiang.emergency.k8s;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds manifest documents as ordered maps, so they are written in the order a reader expects. */
final class Doc {

    private Doc() {
    }

    /** An ordered map of alternating keys and values; a null value leaves its key out. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A resource's head: apiVersion, kind, metadata (name, labels). */
    static Map<String, Object> resource(String apiVersion, String kind, String name, Map<String, Object> labels,
                                        Map<String, Object> spec) {
        return map("apiVersion", apiVersion, "kind", kind,
                "metadata", map("name", name, "labels", labels == null || labels.isEmpty() ? null : labels),
                "spec", spec);
    }
}
