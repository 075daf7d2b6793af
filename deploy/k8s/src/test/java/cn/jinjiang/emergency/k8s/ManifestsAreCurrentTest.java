package cn.jinjiang.emergency.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What is committed under deploy/k8s is exactly what the generator writes from the project's sources today. */
class ManifestsAreCurrentTest {

    @Test
    void everyFileIsWhatTheGeneratorWrites() throws IOException {
        Map<Path, String> expected = Manifests.files(Topology.read(Rendered.repository()));
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            Path committed = Rendered.k8s().resolve(file.getKey());
            assertEquals(file.getValue(), Files.exists(committed) ? Files.readString(committed) : "<missing>",
                    file.getKey() + " is not current: run deploy/k8s/generate.sh and commit what it writes");
        }
        try (Stream<Path> files = Stream.of("base", "overlays", "rendered").map(Rendered.k8s()::resolve)
                .flatMap(ManifestsAreCurrentTest::walk)) {
            Set<Path> present = files.filter(Files::isRegularFile).map(Rendered.k8s()::relativize)
                    .collect(Collectors.toSet());
            assertEquals(expected.keySet(), present, "files the generator does not write");
        }
    }

    private static Stream<Path> walk(Path folder) {
        try {
            return Files.walk(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
