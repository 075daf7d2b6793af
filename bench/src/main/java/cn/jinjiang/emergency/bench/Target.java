package cn.jinjiang.emergency.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One performance target: a figure (by the name the stages record it under, see {@link Figures}), a bound and what
 * it means. The targets are data, in {@code targets.csv} beside these classes; this class only reads and applies them.
 */
record Target(String figure, Bound bound, double limit, String unit, String description) {

    /** Which side of the limit passes; the limit itself does. */
    enum Bound {
        AT_MOST("<="), AT_LEAST(">=");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    static final String RESOURCE = "targets.csv";

    boolean met(double measured) {
        return bound == Bound.AT_MOST ? measured <= limit : measured >= limit;
    }

    /** e.g. "<= 250 ms". */
    String limitText() {
        return bound.symbol() + " " + Figures.number(limit) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** The targets bench.sh judges against, from the classpath. */
    static List<Target> load() {
        try (InputStream in = Target.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code figure,bound,limit,unit,description}: bound is {@code at most} or {@code at least}; the description is
     * the last column and may hold commas. Blank lines, {@code #} comments and the header line are skipped.
     */
    static List<Target> parse(List<String> lines) {
        List<Target> targets = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("figure,")) {
                continue;
            }
            String[] columns = trimmed.split(",", 5);
            if (columns.length != 5) {
                throw new IllegalArgumentException("a target needs five columns: " + line);
            }
            Bound bound = switch (columns[1].strip().toLowerCase(Locale.ROOT)) {
                case "at most" -> Bound.AT_MOST;
                case "at least" -> Bound.AT_LEAST;
                default -> throw new IllegalArgumentException("bound must be 'at most' or 'at least': " + line);
            };
            targets.add(new Target(columns[0].strip(), bound, Double.parseDouble(columns[2].strip()),
                    columns[3].strip(), columns[4].strip()));
        }
        return targets;
    }
}
