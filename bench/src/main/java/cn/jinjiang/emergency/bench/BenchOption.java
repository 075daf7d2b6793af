package cn.jinjiang.emergency.bench;

/**
 * Every option of deploy/local/bench.sh, with its default, its value under {@code --short} and its line of usage: the
 * one place they are defined. The script asks {@link BenchOptions} for the values; the stages' own classes take their
 * defaults from here, so a stage run on its own measures what bench.sh would.
 * <p>
 * The hidden ones (no help) follow from {@code --short} but cannot be given: bench.sh never offered them.
 */
enum BenchOption {

    ONLY("only", "LIST", "stages to run, comma-separated from b0,b1,b2,b3,b4,b5,b6 (default: all)",
            "b0,b1,b2,b3,b4,b5,b6", null),
    RUNS("runs", "N", "run the chosen stages N times; each figure with a target is then the median of the runs\n"
            + "(default %s)", "1", null),
    IDLE_SECONDS("idle-seconds", "N", "the stack's CPU with no load, read at the start of each run (default %s;\n"
            + "0 = none)", "60", "10"),
    WARMUP("warmup", "SECONDS", "warm-up before measuring, not recorded, so the services' JIT has compiled the paths\n"
            + "being measured (default %s; 0 = none)", "60", "5"),
    WARMUP_RATE("warmup-rate", "R", "reports/s during the warm-up (default %s)", "100", null),
    RATES("rates", "LIST", "B1: offered rates in reports/s (default %s)", "50,200,500", null),
    STAGE_SECONDS("stage-seconds", "N", "B1: length of each rate (default %s)", "30", "5"),
    SCREENS("screens", "N", "B2: connected screens (default %s)", "200", "20"),
    SCREEN_RATE("screen-rate", "LIST", "B2: reports/s while the screens watch, one B2 run per rate (default %s)",
            "50,5", null),
    SCREEN_SECONDS("screen-seconds", "N", "B2: length (default %s)", "30", "5"),
    GRACE("grace", "SECONDS", "B2: wait after the last answer before counting deliveries as missing (default %s)", "5",
            null),
    KAFKA_MESSAGES("kafka-messages", "N", "B0: EndToEndLatency messages (default %s)", "3000", "1000"),
    RECORD_BYTES("record-bytes", "N", "B0: EndToEndLatency record size (default %s)", "600", null),
    PGBENCH_SECONDS("pgbench-seconds", "N", "B0: length of each pgbench run (default %s)", "10", "5"),
    PGBENCH_CLIENTS("pgbench-clients", "N",
            "B0: clients of the second pgbench run (default %s; the first always has 1)", "4", null),
    UNITS("units", "LIST", "B3: unit counts (default %s)", "1000,10000,100000", "1000,10000"),
    RECOMMEND_RATE("recommend-rate", "R", "B3: recommendation requests/s over HTTP (default %s)", "100", null),
    RECOMMEND_SECONDS("recommend-seconds", "N", "B3: length of each size over HTTP (default %s)", "30", "5"),
    APPROVE_RATE("approve-rate", "R", "B4: warning approvals/s (default %s)", "10", null),
    APPROVE_SECONDS("approve-seconds", "N", "B4: length (default %s)", "30", "5"),
    ALLOC_CLIENTS("alloc-clients", "N", "B5: concurrent dispatchers (default %s)", "64", null),
    ALLOC_SECONDS("alloc-seconds", "N", "B5: length (default %s)", "30", "5"),
    FANOUT_SCREENS("fanout-screens", "N", "B6: screens on the live picture (default %s)", "1000", "100"),
    FANOUT_STALLED("fanout-stalled", "P", "B6: percent of them that stop reading after their snapshot (default %s)",
            "5", null),
    FANOUT_RATE("fanout-rate", "R", "B6: changes/s (default %s)", "20", null),
    FANOUT_SECONDS("fanout-seconds", "N",
            "B6: length of each of its two runs, without and with the stalled screens (default %s)", "30", "5"),
    DRAIN_TIMEOUT("drain-timeout", "N", "longest wait for the previous stage's backlog before the next (default %s)",
            "300", null),
    /** B3's timed queries in process; half as many run untimed first. */
    INDEX_QUERIES("index-queries", null, null, "200000", "20000"),
    /** B4's untimed approvals before measuring. */
    APPROVE_WARMUP("approve-warmup", null, null, "10", "3"),
    /** B5's untimed allocations before measuring. */
    ALLOC_WARMUP("alloc-warmup", null, null, "10", "3");

    private final String flag;
    private final String argument;
    private final String help;
    private final String fallback;
    private final String shortValue;

    BenchOption(String flag, String argument, String help, String fallback, String shortValue) {
        this.flag = flag;
        this.argument = argument;
        this.help = help;
        this.fallback = fallback;
        this.shortValue = shortValue;
    }

    /** The name after {@code --}. */
    String flag() {
        return flag;
    }

    /** The default of a full run. */
    String fallback() {
        return fallback;
    }

    int intFallback() {
        return Integer.parseInt(fallback);
    }

    double decimalFallback() {
        return Double.parseDouble(fallback);
    }

    /** The value under {@code --short}: its own where it has one, else the default. */
    String shortValue() {
        return shortValue != null ? shortValue : fallback;
    }

    boolean hidden() {
        return help == null;
    }

    /** The name bench.sh keeps the value in: the flag with underscores. */
    String variable() {
        return flag.replace('-', '_');
    }

    /** Its lines of usage, the help's continuation lines aligned under its first. */
    String usage() {
        String left = String.format("  %-22s ", "--" + flag + " " + argument);
        String indent = " ".repeat(left.length());
        return left + help.formatted(fallback).replace("\n", "\n" + indent);
    }
}
