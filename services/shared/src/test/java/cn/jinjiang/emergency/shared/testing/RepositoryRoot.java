package cn.jinjiang.emergency.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from wherever Maven runs a module's tests. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path get() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/kafka")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside the repository: " + System.getProperty("user.dir"));
    }
}
