package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resident memory of the stack at the end of a bench.sh run: each service and the broker by its RSS
 * ({@code VmRSS}), PostgreSQL by the proportional share (PSS, {@code smaps_rollup}) of its stack processes, since
 * every backend maps the same shared buffers and their RSS added up would count those once per backend. Falls back to
 * RSS where PSS cannot be read (another user's processes).
 */
public final class StackMemory {

    private final StackProcesses processes;

    StackMemory(StackProcesses processes) {
        this.processes = processes;
    }

    public static void main(String[] args) {
        Options.parse(args).rejectUnknown();
        StackMemory memory = new StackMemory(StackProcesses.local());
        Map<String, Long> kib = memory.reading();
        if (kib.isEmpty()) {
            System.out.println("  n/a (no pid files of the stack)");
            return;
        }
        long total = kib.values().stream().mapToLong(Long::longValue).sum();
        kib.forEach((name, size) -> System.out.printf("  %-18s %6d MiB%s%n", name, size / 1024,
                name.equals(StackProcesses.POSTGRES) ? "  (PSS of its stack processes)" : ""));
        System.out.printf("  %-18s %6d MiB%n", "total", total / 1024);
        Figures.record("stack/rss_mib", total / 1024.0);
    }

    /** KiB per process name; a process whose memory cannot be read is left out. */
    Map<String, Long> reading() {
        Map<String, Long> kib = new LinkedHashMap<>();
        processes.stack().forEach((name, pids) -> {
            long sum = name.equals(StackProcesses.POSTGRES) ? proportional(pids) : resident(pids);
            if (sum > 0) {
                kib.put(name, sum);
            }
        });
        return kib;
    }

    private long resident(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Math.max(0, field(pid, "status", "VmRSS:"));
        }
        return sum;
    }

    private long proportional(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            long pss = field(pid, "smaps_rollup", "Pss:");
            sum += Math.max(0, pss >= 0 ? pss : field(pid, "status", "VmRSS:"));
        }
        return sum;
    }

    /** A "Name:   1234 kB" line of /proc/PID/FILE, in KiB; -1 if absent or unreadable. */
    private long field(long pid, String file, String name) {
        Path path = processes.proc().resolve(Long.toString(pid)).resolve(file);
        try {
            for (String line : Files.readAllLines(path)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
