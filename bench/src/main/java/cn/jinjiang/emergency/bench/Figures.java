package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run, for the summary that takes the median over runs and judges them against the targets
 * ({@link BenchSummary}). Each stage, run by bench.sh in a JVM of its own, appends {@code name TAB value} lines to the
 * file named by {@code BENCH_FIGURES}; run alone, without it, a stage records nothing. A name says what was measured
 * and under which load ({@code b2/50rps-200screens/p99_ms}), so a figure of a different load never meets a target.
 */
final class Figures {

    private Figures() {
    }

    /** NaN (nothing measured) is not recorded: the summary then shows the figure as missing, not as zero. */
    static void record(String name, double value) {
        String file = System.getenv("BENCH_FIGURES");
        if (file == null || file.isBlank() || Double.isNaN(value)) {
            return;
        }
        try {
            Files.writeString(Path.of(file), name + "\t" + value + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the figure " + name + " in " + file, e);
        }
    }

    /** A latency in nanoseconds, recorded in milliseconds. */
    static void recordNanosAsMs(String name, double nanos) {
        record(name, nanos / 1e6);
    }

    /** One run's figures in the order recorded; a name recorded twice keeps its last value. */
    static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return figures;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                figures.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
            }
        }
        return figures;
    }

    /** A rate or count as it appears in a figure's name: 50, not 50.0; 2.5 stays 2.5. */
    static String number(double value) {
        return IntakeLatencyStage.fmt(value);
    }
}
