package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which processes are the local stack and which are the harness, read from a {@code /proc} tree: the five services and
 * the broker by the pid files up.sh keeps in {@code .local/pids}; PostgreSQL as its postmaster, its background workers
 * and the backends serving the stack's five databases; the harness as its own JVM plus the backends of its own
 * database connections (registered by {@link Stack#database}), which work for the harness, not for the stack.
 * <p>
 * The {@code /proc} root and the pid directory are parameters so that tests can feed a fake tree.
 */
final class StackProcesses {

    static final String POSTGRES = "postgresql";
    static final Set<String> STACK_DATABASES = Set.of("incident_intake", "resource_dispatch",
            "warning_broadcast", "material_reserves", "command_gateway");
    /** The databases of the gateway's further instances (up.sh --instances N): command_gateway_2 and on. */
    private static final java.util.regex.Pattern GATEWAY_INSTANCE_DATABASE =
            java.util.regex.Pattern.compile("command_gateway_[0-9]+");
    /** Backends of this JVM's own database connections. */
    private static final Set<Long> OWN_BACKENDS = ConcurrentHashMap.newKeySet();

    private final Path proc;
    private final Path pids;
    private final long harness;
    private final Set<Long> harnessBackends;

    StackProcesses(Path proc, Path pids, long harness, Set<Long> harnessBackends) {
        this.proc = proc;
        this.pids = pids;
        this.harness = harness;
        this.harnessBackends = harnessBackends;
    }

    /**
     * This machine's stack: the pid files from {@code BENCH_PIDS_DIR} (set by the scripts, which know where the
     * stack's state lives), else {@code .local/pids} looked for from the working directory up.
     */
    static StackProcesses local() {
        return new StackProcesses(Path.of("/proc"), pidsDir(), ProcessHandle.current().pid(), OWN_BACKENDS);
    }

    /** A PostgreSQL backend serving one of this JVM's connections: counted as the harness's. */
    static void harnessBackend(long pid) {
        OWN_BACKENDS.add(pid);
    }

    static boolean isStackDatabase(String name) {
        return STACK_DATABASES.contains(name) || GATEWAY_INSTANCE_DATABASE.matcher(name).matches();
    }

    /** The stack's databases: the five services' and those of the gateway's further instances (the scripts say). */
    static List<String> stackDatabases() {
        List<String> all = new ArrayList<>(STACK_DATABASES);
        all.addAll(Stack.gatewayInstanceDatabases());
        return all;
    }

    Path proc() {
        return proc;
    }

    /** The stack's processes by name (one pid per pid file; every stack process of PostgreSQL); empty if unknown. */
    Map<String, List<Long>> stack() {
        Map<String, List<Long>> processes = new LinkedHashMap<>();
        if (pids == null || !Files.isDirectory(pids)) {
            return processes;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                String pid = Files.readString(file).replaceAll("[^0-9]", "");
                if (!pid.isEmpty() && Files.isDirectory(proc.resolve(pid))) {
                    processes.put(name, List.of(Long.parseLong(pid)));
                }
            }
        } catch (IOException e) {
            return processes;
        }
        processes.put(POSTGRES, postgres());
        return processes;
    }

    /** The harness: this JVM and the backends of its own connections that are still alive. */
    List<Long> harness() {
        List<Long> own = new ArrayList<>();
        own.add(harness);
        for (long backend : harnessBackends) {
            if (Files.isDirectory(proc.resolve(Long.toString(backend)))) {
                own.add(backend);
            }
        }
        return own;
    }

    private List<Long> postgres() {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(proc)) {
            for (Path process : processes.toList()) {
                String pid = process.getFileName().toString();
                if (pid.chars().allMatch(Character::isDigit) && !harnessBackends.contains(Long.parseLong(pid))
                        && isStackPostgres(process)) {
                    found.add(Long.parseLong(pid));
                }
            }
        } catch (IOException e) {
            return found;
        }
        found.sort(null);
        return found;
    }

    /**
     * The postmaster and its background workers (no database in their title) and the backends of the stack's
     * databases ({@code postgres: 15/main: USER DATABASE HOST(PORT) STATE}); backends of other databases (a test
     * run's on the same server) are not the stack's.
     */
    private static boolean isStackPostgres(Path process) {
        try {
            String comm = Files.readString(process.resolve("comm")).strip();
            if (!comm.equals("postgres")) {
                return false;
            }
            String title = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            if (!title.startsWith("postgres:")) {
                return true; // the postmaster itself
            }
            String[] words = title.split(" +");
            boolean backend = words.length >= 5 && words[4].contains("(");
            return !backend || isStackDatabase(words[3]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path pidsDir() {
        String configured = System.getenv("BENCH_PIDS_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".local/pids");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
