package cn.jinjiang.emergency.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end of bench.sh's summary: given each run's figures file (in run order), every figure's median over the runs
 * with each run's value, then the targets table: each target of {@code targets.csv}, the measured median, and PASS,
 * FAIL or n/a (its stage did not run at the load the target names).
 */
public final class BenchSummary {

    private final List<Map<String, Double>> runs;
    private final List<Target> targets;

    BenchSummary(List<Map<String, Double>> runs, List<Target> targets) {
        this.runs = runs;
        this.targets = targets;
    }

    public static void main(String[] args) throws Exception {
        List<Map<String, Double>> runs = new ArrayList<>();
        for (String file : args) {
            runs.add(Figures.read(Path.of(file)));
        }
        new BenchSummary(runs, Target.load()).lines().forEach(System.out::println);
    }

    /** Each figure's values, one per run that recorded it, in the order first recorded. */
    Map<String, List<Double>> values() {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Map<String, Double> run : runs) {
            run.forEach((name, value) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        return values;
    }

    /** NaN if no run recorded it. */
    double median(String figure) {
        return Median.of(values().getOrDefault(figure, List.of()));
    }

    /** PASS, FAIL or n/a. */
    String verdict(Target target) {
        double measured = median(target.figure());
        if (Double.isNaN(measured)) {
            return "n/a";
        }
        return target.met(measured) ? "PASS" : "FAIL";
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        Map<String, List<Double>> values = values();
        if (runs.size() > 1) {
            lines.add("");
            lines.add("Figures over " + runs.size() + " runs: the median, then each run's value");
            values.forEach((name, each) -> lines.add(String.format("  %-46s %10s   (%s)", name,
                    text(Median.of(each)), each.stream().map(BenchSummary::text).collect(Collectors.joining(", ")))));
        }
        lines.add("");
        lines.add("Targets" + (runs.size() > 1 ? " (the median of " + runs.size() + " runs)" : "") + ":");
        int width = targets.stream().mapToInt(target -> target.description().length()).max().orElse(6);
        String row = "  %-" + width + "s  %-12s %-11s %s";
        lines.add(String.format(row, "target", "limit", "measured", "result"));
        int passed = 0;
        int failed = 0;
        for (Target target : targets) {
            String verdict = verdict(target);
            passed += verdict.equals("PASS") ? 1 : 0;
            failed += verdict.equals("FAIL") ? 1 : 0;
            double measured = median(target.figure());
            lines.add(String.format(row, target.description(), target.limitText(),
                    Double.isNaN(measured) ? "-" : text(measured) + (target.unit().isEmpty() ? "" : " "
                            + target.unit()), verdict));
        }
        lines.add(String.format("  %d passed, %d failed, %d not measured (stage not run at that load)", passed, failed,
                targets.size() - passed - failed));
        return lines;
    }

    /** Two decimals below 10, one below 1000, none above: enough to read, not more than the noise allows. */
    static String text(double value) {
        double size = Math.abs(value);
        if (size >= 1000 || value == Math.rint(value)) {
            return String.format("%.0f", value);
        }
        return size >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }
}
