package cn.jinjiang.emergency.k8s;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kubectl kustomize} of each overlay gives the rendered file's resources, field for field (its own order of
 * documents and keys aside): the overlays' patches and the rendered figures cannot drift apart. Skipped where no
 * kubectl is installed (the rendered files and the other tests need none).
 */
class KustomizeRendersTheSameTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kustomizeGivesTheRenderedResources(Overlay overlay) throws Exception {
        String rendered = kustomize(overlay);
        assertEquals(Rendered.byIdentity(Rendered.overlay(overlay)),
                Rendered.byIdentity(Rendered.documents(rendered)), "kubectl kustomize overlays/" + overlay.directory());
    }

    private static String kustomize(Overlay overlay) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", "overlays/" + overlay.directory())
                    .directory(Rendered.k8s().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("KustomizeRendersTheSameTest skipped: no kubectl (" + e.getMessage() + ")");
            Assumptions.abort("no kubectl on this machine");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
