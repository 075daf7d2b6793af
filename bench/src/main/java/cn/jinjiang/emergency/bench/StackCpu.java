package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time (user + system, {@code /proc/PID/stat}) each process of the local stack and the harness have used so
 * far. A stage takes a {@link #reading()} before and after its work and divides the difference ({@link CpuUse}) by
 * what the stack accepted: CPU time per unit of work is far steadier on a shared two-core machine than a latency is,
 * so it is the figure to compare across changes.
 */
final class StackCpu {

    /** USER_HZ: the kernel reports CPU times in these ticks, 100 a second on every Linux the project runs on. */
    private static final double MS_PER_TICK = 10;

    private final StackProcesses processes;

    StackCpu(StackProcesses processes) {
        this.processes = processes;
    }

    /** This machine's stack and this JVM as the harness. */
    static StackCpu local() {
        return new StackCpu(StackProcesses.local());
    }

    /** Per process of the stack, by name, each pid's CPU milliseconds; the harness's separately. */
    CpuReading reading() {
        Map<String, Map<Long, Double>> stack = new LinkedHashMap<>();
        processes.stack().forEach((name, pids) -> stack.put(name, millis(pids)));
        return new CpuReading(stack, millis(processes.harness()), System.nanoTime());
    }

    private Map<Long, Double> millis(List<Long> pids) {
        Map<Long, Double> used = new LinkedHashMap<>();
        for (long pid : pids) {
            double ms = millis(pid);
            if (ms >= 0) {
                used.put(pid, ms);
            }
        }
        return used;
    }

    /** utime + stime of one process, in milliseconds; -1 if it is gone. */
    double millis(long pid) {
        try {
            String stat = Files.readString(processes.proc().resolve(Long.toString(pid)).resolve("stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count from after its closing one,
            // where field 3 (state) is index 0, so utime (field 14) is index 11 and stime (15) index 12.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
