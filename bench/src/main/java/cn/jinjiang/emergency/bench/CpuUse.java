package cn.jinjiang.emergency.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU the stack's processes (services, Kafka, PostgreSQL) and the harness used between two readings, and how it
 * is printed: per unit of work a stage accepted, or as cores for the idle stack. The harness shares the cores but is
 * not part of the stack, so it is shown beside the total, never in it.
 */
record CpuUse(Map<String, Double> stackMs, double harnessMs, double seconds) {

    static CpuUse between(CpuReading before, CpuReading after) {
        Map<String, Double> stack = new LinkedHashMap<>();
        after.stack().forEach((name, pids) -> stack.put(name, used(before.stack().getOrDefault(name, Map.of()),
                pids)));
        return new CpuUse(stack, used(before.harness(), after.harness()), (after.nanos() - before.nanos()) / 1e9);
    }

    /** A pid absent before started in between (from zero); one absent after has exited and is lost. */
    private static double used(Map<Long, Double> before, Map<Long, Double> after) {
        double used = 0;
        for (Map.Entry<Long, Double> pid : after.entrySet()) {
            used += Math.max(0, pid.getValue() - before.getOrDefault(pid.getKey(), 0.0));
        }
        return used;
    }

    /** Services + Kafka + PostgreSQL, harness excluded. */
    double totalMs() {
        return stackMs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Cores the stack kept busy on average. */
    double cores() {
        return seconds > 0 ? totalMs() / (seconds * 1000) : 0;
    }

    /** Stack CPU per unit, or NaN when nothing was accepted or the stack's processes could not be read. */
    double msPer(long units) {
        return units > 0 && !stackMs.isEmpty() ? totalMs() / units : Double.NaN;
    }

    /**
     * e.g. "CPU per report at 200/s over 30 s, 5,998 reports: 4.12 ms (services + Kafka + PostgreSQL), 0.82 cores;
     * harness 1.05 ms (not counted)", then one line per process.
     */
    List<String> perUnit(String unit, String what, long units) {
        List<String> lines = new ArrayList<>();
        String head = "  CPU per " + unit + (what.isEmpty() ? "" : " " + what);
        if (stackMs.isEmpty() || units == 0) {
            lines.add(head + ": n/a (no /proc readings of the stack, or nothing accepted)");
            return lines;
        }
        lines.add(String.format("%s over %.0f s, %d %ss: %.2f ms (services + Kafka + PostgreSQL), %.2f cores;"
                + " harness %.2f ms (not counted)", head, seconds, units, unit, msPer(units), cores(),
                harnessMs / units));
        stackMs.forEach((name, ms) -> lines.add(String.format("    %-18s %7.2f ms  (%3.0f %% of a core)", name,
                ms / units, percentOfCore(ms))));
        return lines;
    }

    /** The idle stack: cores used in total and per process, the harness apart. */
    List<String> asLoad(String head) {
        List<String> lines = new ArrayList<>();
        if (stackMs.isEmpty()) {
            lines.add(head + ": n/a (no /proc readings of the stack)");
            return lines;
        }
        lines.add(String.format("%s over %.0f s: %.3f cores (services + Kafka + PostgreSQL); harness %.3f cores"
                + " (not counted)", head, seconds, cores(), harnessMs / (seconds * 1000)));
        stackMs.forEach((name, ms) -> lines.add(String.format("    %-18s %6.3f cores", name,
                ms / (seconds * 1000))));
        return lines;
    }

    private double percentOfCore(double ms) {
        return seconds > 0 ? 100 * ms / (seconds * 1000) : 0;
    }
}
