package cn.jinjiang.emergency.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes deploy/k8s from the project's sources of truth ({@link Topology}). Run from the repository's root:
 * {@code ./mvnw -q -pl deploy/k8s -am package -DskipTests && java -cp "deploy/k8s/target/classes:$(cat
 * deploy/k8s/target/classpath)" cn.jinjiang.emergency.k8s.ManifestGenerator .} (deploy/k8s/generate.sh does it).
 */
public final class ManifestGenerator {

    private ManifestGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path target = repository.resolve("deploy/k8s");
        Map<Path, String> files = Manifests.files(Topology.read(repository));
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        System.out.println("wrote " + files.size() + " files under " + repository.relativize(target));
    }
}
