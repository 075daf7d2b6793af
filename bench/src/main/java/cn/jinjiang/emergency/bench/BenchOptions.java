package cn.jinjiang.emergency.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses deploy/local/bench.sh's command line against {@link BenchOption}, so the script holds no option of its own.
 * Run as a program (by bench.sh, with its arguments): {@code --help} prints the usage; a wrong option prints the
 * error and the usage on stderr and exits 2; otherwise every value, one {@code variable=value} a line, for the script
 * to read.
 */
public final class BenchOptions {

    private final Map<BenchOption, String> values;
    private final boolean help;

    private BenchOptions(Map<BenchOption, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    /** A wrong command line; its message is what to tell the user. */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * {@code --name value} pairs, as bench.sh has always taken them. {@code --short} counts first wherever it stands,
     * so options given with it override its values. {@code --help} ends the reading where it stands, as it always did.
     */
    static BenchOptions parse(List<String> args) {
        boolean smoke = args.contains("--short");
        Map<BenchOption, String> values = new EnumMap<>(BenchOption.class);
        for (BenchOption option : BenchOption.values()) {
            values.put(option, smoke ? option.shortValue() : option.fallback());
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--short")) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return new BenchOptions(values, true);
            }
            BenchOption option = visible(arg);
            if (option == null) {
                throw new Invalid("unknown option: " + arg);
            }
            String value = i + 1 < args.size() ? args.get(i + 1) : "";
            // A missing value is a usage error, not the next option taken as one.
            if (value.isEmpty() || value.startsWith("--") || value.contains("\n")) {
                throw new Invalid(arg + " needs a value");
            }
            values.put(option, value);
            i++;
        }
        return new BenchOptions(values, false);
    }

    boolean help() {
        return help;
    }

    String value(BenchOption option) {
        return values.get(option);
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                usage: bench.sh [options]

                Measures the running local stack (deploy/local/up.sh) and prints a summary at the end.
                """);
        for (BenchOption option : BenchOption.values()) {
            if (!option.hidden()) {
                text.append(option.usage()).append('\n');
            }
        }
        text.append(String.format("  %-22s smoke run: %s s stages, %s screens (%s for B6), %s s warm-up, %s s idle,"
                        + " %s Kafka messages, %s s pgbench%n", "--short", BenchOption.STAGE_SECONDS.shortValue(),
                BenchOption.SCREENS.shortValue(), BenchOption.FANOUT_SCREENS.shortValue(),
                BenchOption.WARMUP.shortValue(), BenchOption.IDLE_SECONDS.shortValue(),
                BenchOption.KAFKA_MESSAGES.shortValue(), BenchOption.PGBENCH_SECONDS.shortValue()));
        text.append(String.format("  %-22s this text%n", "--help"));
        text.append("\nB2 runs before B1, so that B1's deliberate overload leaves no backlog behind for it; each stage "
                + "waits until the\noutbox and the consumers have caught up. The harness (bench/) is built with "
                + "./mvnw -q -pl bench -am package if needed.\nEvery stage prints the stack's CPU per unit of work; "
                + "the summary ends with the targets\n(bench/src/main/resources/.../targets.csv), each PASS, FAIL or n/a.\n");
        return text.toString();
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = parse(List.of(args));
        } catch (Invalid e) {
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(usage());
            return;
        }
        for (BenchOption option : BenchOption.values()) {
            System.out.println(option.variable() + "=" + options.value(option));
        }
    }

    private static BenchOption visible(String arg) {
        for (BenchOption option : BenchOption.values()) {
            if (!option.hidden() && arg.equals("--" + option.flag())) {
                return option;
            }
        }
        return null;
    }
}
