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
import java.util.stream.Stream;

/**
 * The CPU time each process of the local stack has used, read from {@code /proc}: the five services and the broker by
 * the pid files up.sh keeps in {@code .local/pids}, PostgreSQL as its postmaster, its background workers and the
 * backends serving the stack's five databases. The harness itself is left out: it is not part of the stack.
 * <p>
 * A stage takes a reading before and after and divides the difference by what it accepted. CPU time per unit of work
 * is far steadier on a shared two-core machine than a latency is; it is the figure to compare across changes.
 * Backends of other databases (test runs on the same server) are not counted; a stack backend that exited within the
 * window would be missed (the services' pools keep theirs open).
 */
final class StackCpu {

    /** USER_HZ: the kernel reports CPU times in these ticks, 100 a second on every Linux the project runs on. */
    private static final double TICKS_PER_MS = 0.1;
    private static final Set<String> STACK_DATABASES = Set.of("incident_intake", "resource_dispatch",
            "warning_broadcast", "material_reserves", "command_gateway");
    static final String POSTGRES = "postgresql";

    private final Path pids;

    private StackCpu(Path pids) {
        this.pids = pids;
    }

    /** The stack's pid files, looked for from the working directory up (the scripts run from the repository). */
    static StackCpu find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".local/pids");
            if (Files.isDirectory(candidate)) {
                return new StackCpu(candidate);
            }
        }
        return new StackCpu(null);
    }

    /** CPU milliseconds used so far by each process of the stack, by name; empty where /proc cannot be read. */
    Map<String, Double> reading() {
        Map<String, Double> used = new LinkedHashMap<>();
        if (pids == null) {
            return used;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                String pid = Files.readString(file).strip();
                double ms = millis(pid);
                if (ms >= 0) {
                    used.put(name, ms);
                }
            }
        } catch (IOException e) {
            return used;
        }
        used.put(POSTGRES, postgres());
        return used;
    }

    /** Per process, the CPU milliseconds used between two readings divided by {@code units}; plus the total. */
    static List<String> perUnit(Map<String, Double> before, Map<String, Double> after, long units, double seconds,
            String unit) {
        List<String> lines = new ArrayList<>();
        if (before.isEmpty() || after.isEmpty() || units == 0) {
            lines.add("  CPU per " + unit + ": n/a (no /proc readings of the stack, or nothing accepted)");
            return lines;
        }
        double total = 0;
        StringBuilder each = new StringBuilder();
        for (Map.Entry<String, Double> process : after.entrySet()) {
            Double start = before.get(process.getKey());
            if (start == null) {
                continue;
            }
            double used = process.getValue() - start;
            total += used;
            each.append(String.format("%n    %-18s %6.2f ms  (%3.0f %% of a core)", process.getKey(), used / units,
                    100 * used / (seconds * 1000)));
        }
        lines.add(String.format("  CPU per %s over %.0f s, %d %ss (services + Kafka + PostgreSQL, harness excluded):"
                + " %.2f ms, %.2f cores%s", unit, seconds, units, unit, total / units, total / (seconds * 1000), each));
        return lines;
    }

    private static double millis(String pid) {
        String[] fields = stat(pid);
        if (fields == null) {
            return -1;
        }
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_MS;
    }

    /** The fields of /proc/PID/stat after the command name (which may hold spaces): field 3 (state) is index 0. */
    private static String[] stat(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double postgres() {
        double ms = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String pid = process.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit) || !isStackPostgres(pid)) {
                    continue;
                }
                double used = millis(pid);
                ms += Math.max(0, used);
            }
        } catch (IOException e) {
            return 0;
        }
        return ms;
    }

    /**
     * The postmaster and its background workers (no database in their title) and the backends of the stack's
     * databases ({@code postgres: 15/main: USER DATABASE HOST(PORT) STATE}).
     */
    private static boolean isStackPostgres(String pid) {
        try {
            String comm = Files.readString(Path.of("/proc", pid, "comm")).strip();
            if (!comm.equals("postgres")) {
                return false;
            }
            String title = new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            String[] words = title.split(" +");
            if (!title.startsWith("postgres:")) {
                return true; // the postmaster itself
            }
            boolean backend = words.length >= 5 && words[4].contains("(");
            return !backend || STACK_DATABASES.contains(words[3]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
