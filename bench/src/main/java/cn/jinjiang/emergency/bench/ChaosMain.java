package cn.jinjiang.emergency.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java side of deploy/local/chaos.sh: one fault per run. Prints the run's summary on stdout and exits 1 if an
 * accepted report was lost anywhere, a 5xx other than 503 was answered, exactly-once bookkeeping was broken, or a
 * record was dead-lettered.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String faultName = options.text("fault", "broker");
        Path script = Path.of(options.text("faults-script", "deploy/local/lib/faults.sh"));
        double rate = options.decimal("rate", 50);
        Duration length = options.seconds("seconds", 60);
        Duration faultAt = options.seconds("fault-at-seconds", 15);
        Duration faultLength = options.seconds("fault-seconds", 10);
        int screenCount = options.integer("screens", 20);
        Duration answerWait = options.seconds("answer-timeout-seconds", 30);
        Duration readyTimeout = options.seconds("ready-timeout-seconds", 400);
        Duration settle = options.seconds("settle-seconds", 300);
        Duration drainTimeout = options.seconds("drain-timeout-seconds", 300);
        int followUps = options.integer("follow-ups", 3000);
        options.rejectUnknown();

        Stack stack = Readiness.readyStackOrExit(readyTimeout);
        try (Backlog backlog = new Backlog(stack)) {
            // A fault run starts from an idle stack, so what it loses or delays is its own doing.
            backlog.awaitDrained(drainTimeout);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Progress.say("run id %s (report titles start with \"bench %s chaos-%s\")", runId, runId, faultName);

        // The busy-incident case: one incident's long chain is on the topic before the gateway is killed, so that
        // its restart (default settings) reads the chain's last batches again.
        BusyIncident busy = null;
        if ("busy-incident".equals(faultName)) {
            busy = new BusyIncident(stack);
            int filed = busy.file(ReportTitles.of(runId, "chaos-busy-incident").title(0), followUps);
            Progress.say("busy-incident: %d reports accepted on one incident", filed);
        }
        FaultRun run;
        try (IntakeClient intake = new IntakeClient(stack, answerWait, true)) {
            ReportLoad load = new ReportLoad(intake, ReportTitles.of(runId, "chaos-" + faultName), rate, length);
            run = new FaultRun(stack, new Fault(faultName, script), load, faultAt, faultLength);
            run.run(screenCount, answerWait, readyTimeout, settle);
        }
        if (busy != null) {
            busy.audit(settle, run.summary(), run.failures());
        }

        System.out.printf("Fault %s: %s reports/s for %d s, %d screens, fault at +%d s for %d s (run %s)%n",
                faultName, IntakeLatencyStage.fmt(rate), length.toSeconds(), screenCount, faultAt.toSeconds(),
                faultLength.toSeconds(), runId);
        run.summary().forEach(System.out::println);
        if (run.failures().isEmpty()) {
            System.out.println("  result: PASS (nothing lost, no 5xx other than 503, exactly once everywhere, nothing "
                    + "dead-lettered)");
        } else {
            run.failures().forEach(failure -> System.out.println("  FAIL: " + failure));
        }
        System.exit(run.failures().isEmpty() ? 0 : 1);
    }
}
