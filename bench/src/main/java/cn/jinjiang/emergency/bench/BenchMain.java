package cn.jinjiang.emergency.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of deploy/local/bench.sh: warm-up, then B2 (report to screens, once per screen rate) and B1 (intake
 * under open load, once per rate).
 * B2 runs first so that B1's deliberate overload cannot leave a backlog behind for it; each stage starts once the
 * previous one's backlog has drained. The summary goes to stdout, progress to stderr.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> stages = options.list("stages", "b2,b1");
        Duration warmUp = options.seconds("warmup-seconds", BenchOption.WARMUP.decimalFallback());
        double warmUpRate = options.decimal("warmup-rate", BenchOption.WARMUP_RATE.decimalFallback());
        List<String> rates = options.list("rates", BenchOption.RATES.fallback());
        Duration stageLength = options.seconds("stage-seconds", BenchOption.STAGE_SECONDS.decimalFallback());
        int screenCount = options.integer("screens", BenchOption.SCREENS.intFallback());
        List<String> screenRates = options.list("screen-rate", BenchOption.SCREEN_RATE.fallback());
        Duration screenLength = options.seconds("screen-seconds", BenchOption.SCREEN_SECONDS.decimalFallback());
        Duration grace = options.seconds("grace-seconds", BenchOption.GRACE.decimalFallback());
        Duration answerWait = options.seconds("answer-timeout-seconds", 30);
        Duration drainTimeout = options.seconds("drain-timeout-seconds",
                BenchOption.DRAIN_TIMEOUT.decimalFallback());
        double kafkaP50 = options.decimal("kafka-p50-ms", 0);
        double kafkaP99 = options.decimal("kafka-p99-ms", 0);
        options.rejectUnknown();

        Stack stack = Stack.fromEnvironment();
        Readiness readiness = new Readiness(stack);
        if (!readiness.allReady()) {
            Progress.say("not every service is ready: %s; start the stack with deploy/local/up.sh",
                    readiness.statuses());
            System.exit(2);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Progress.say("run id %s (report titles start with \"bench %s\")", runId, runId);

        List<String> summary = new ArrayList<>();
        try (IntakeClient intake = new IntakeClient(stack, answerWait); Backlog backlog = new Backlog(stack)) {
            Screens screens = null;
            if (stages.contains("b2")) {
                Progress.say("connecting %d screens to %s", screenCount, stack.screens());
                screens = Screens.connect(stack, screenCount, false, Duration.ofSeconds(60));
            }
            if (!warmUp.isZero()) {
                // Warms the JIT of every service on the path and the connection pools; not recorded.
                Progress.say("warm-up: %s reports/s for %d s, not recorded", IntakeLatencyStage.fmt(warmUpRate),
                        warmUp.toSeconds());
                ReportLoad load = new ReportLoad(intake, ReportTitles.of(runId, "warmup"), warmUpRate, warmUp);
                load.send(System.nanoTime());
                load.awaitAnswers(answerWait);
                analyze(stack);
            }
            for (String stage : stages) {
                summary.add("");
                switch (stage) {
                    case "b2" -> {
                        for (int i = 0; i < screenRates.size(); i++) {
                            if (i > 0) {
                                summary.add("");
                            }
                            drain(backlog, drainTimeout, summary);
                            summary.addAll(ReportToScreenStage.run(intake, screens, runId,
                                    Double.parseDouble(screenRates.get(i)),
                                    screenLength, answerWait, grace, backlog, drainTimeout, kafkaP50, kafkaP99));
                        }
                        screens.close();
                    }
                    case "b1" -> {
                        summary.add("B1 intake under open load: " + IntakeLatencyStage.fmt(stageLength.toSeconds())
                                + " s per rate; answer latency of 201s from the intended send time");
                        summary.add(IntakeLatencyStage.header());
                        List<String> cpu = new ArrayList<>();
                        for (String rate : rates) {
                            drain(backlog, drainTimeout, summary);
                            IntakeLatencyStage.Result result = IntakeLatencyStage.run(intake, runId,
                                    Double.parseDouble(rate), stageLength, answerWait, backlog, drainTimeout);
                            summary.add(IntakeLatencyStage.row(result.load()));
                            cpu.addAll(result.cpu());
                        }
                        summary.addAll(cpu);
                    }
                    default -> throw new IllegalArgumentException("unknown stage: " + stage + " (b1 or b2)");
                }
            }
            Progress.say("waiting (up to %d s) for the last stage's backlog, so memory is read after the work",
                    drainTimeout.toSeconds());
            Duration drained = backlog.awaitDrained(drainTimeout);
            summary.add("");
            summary.add(drained == null ? "Backlog after the last stage: not drained within "
                    + drainTimeout.toSeconds() + " s" : "Backlog after the last stage drained in "
                    + drained.toSeconds() + " s");
        }
        summary.forEach(System.out::println);
        System.exit(0);
    }

    private static void drain(Backlog backlog, Duration timeout, List<String> summary) {
        Duration drained = backlog.awaitDrained(timeout);
        if (drained == null) {
            summary.add("  (the previous backlog had not drained after " + timeout.toSeconds()
                    + " s when this stage started)");
        } else if (drained.toSeconds() >= 2) {
            Progress.say("backlog drained in %d s", drained.toSeconds());
        }
    }

    /**
     * The warm-up adds thousands of rows to tables whose statistics were taken before it (bench.sh vacuums first).
     * With autovacuum on, as in production, PostgreSQL would have analysed them by now; on a server where it is off
     * (this machine's CI setting) the planner still sees near-empty tables, picks sequential scans, and every report
     * then reads whole tables: B1 on a fresh clone measured 13 scans of intake's incidents per report and 10-14 ms of
     * PostgreSQL per report, against 3 ms with current statistics. So the statistics are brought up to date here.
     */
    private static void analyze(Stack stack) throws Exception {
        long started = System.nanoTime();
        for (String database : StackProcesses.stackDatabases()) {
            try (var db = stack.database(database); var statement = db.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
        Progress.say("analysed the services' databases after the warm-up in %d ms",
                (System.nanoTime() - started) / 1_000_000);
    }
}
