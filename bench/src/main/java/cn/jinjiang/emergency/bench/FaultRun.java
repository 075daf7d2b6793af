package cn.jinjiang.emergency.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault under load: reports at a fixed rate with screens connected, the fault injected part-way through and
 * healed after a fixed time, then the audit once the stack says it is ready again.
 */
final class FaultRun {

    /** Where a report's intended send time falls relative to the fault. */
    private enum Phase {
        BEFORE("before the fault"), DURING("during the fault"), AFTER("after the restart");

        private final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final Stack stack;
    private final Fault fault;
    private final ReportLoad load;
    private final Duration faultAt;
    private final Duration faultLength;
    private final List<String> summary = new ArrayList<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile long injectedNanos;
    private volatile long injectDoneNanos;
    private volatile long healStartNanos;
    private volatile long healEndNanos;
    private final AtomicInteger healExit = new AtomicInteger(Integer.MIN_VALUE);

    FaultRun(Stack stack, Fault fault, ReportLoad load, Duration faultAt, Duration faultLength) {
        this.stack = stack;
        this.fault = fault;
        this.load = load;
        this.faultAt = faultAt;
        this.faultLength = faultLength;
    }

    List<String> summary() {
        return summary;
    }

    List<String> failures() {
        return failures;
    }

    void run(int screenCount, Duration answerWait, Duration readyTimeout, Duration settle) throws Exception {
        Readiness readiness = new Readiness(stack);
        long deadLettersBefore;
        try (Backlog backlog = new Backlog(stack)) {
            deadLettersBefore = backlog.deadLetters();
        }
        // Dropped screens resume from their last position, as the operator page does: on a stack of several gateway
        // instances, on another one.
        Screens screens = Screens.connect(stack, screenCount, true, true, Duration.ofSeconds(60));
        ScreenDeliveries deliveries = new ScreenDeliveries(load.titles(), load.intendedNanos(), screenCount, null);
        screens.deliverTo(deliveries);

        DeliveryAudit audit = new DeliveryAudit(stack);
        long start = System.nanoTime() + 100_000_000;
        Thread faultThread;
        Map<Integer, UUID> accepted;
        try (ReadinessTimeline timeline = new ReadinessTimeline(readiness)) {
            faultThread = Daemon.threads("fault").newThread(() -> injectAndHeal(start, readyTimeout));
            faultThread.start();
            Progress.say("%s: %s reports/s for %d s; fault at +%d s for %d s", fault.name(),
                    IntakeLatencyStage.fmt(load.perSecond()), load.length().toSeconds(), faultAt.toSeconds(),
                    faultLength.toSeconds());
            load.send(start);
            Progress.say("%s: load done, waiting for the last answers", fault.name());
            load.awaitAnswers(answerWait);
            accepted = DeliveryAudit.acceptedIds(load);
            faultThread.join(readyTimeout.toMillis());
            Progress.say("%s: waiting up to %d s for every service to be ready", fault.name(),
                    readyTimeout.toSeconds());
            boolean ready = readiness.await(readyTimeout);
            if (!ready) {
                failures.add("not every service was ready " + readyTimeout.toSeconds() + " s after the load: "
                        + readiness.statuses());
            }
            // Recovery is read once everything has arrived: the first report after the restart may be among the
            // last to reach a screen, behind the backlog the fault built up.
            Progress.say("%s: waiting up to %d s for every service to catch up", fault.name(), settle.toSeconds());
            audit.awaitProjections(accepted, settle);
            Pause.millis(2000); // the gateway pushes after its commit
            describeAnswers();
            describeRecovery(timeline, deliveries);
        }

        Progress.say("%s: auditing deliveries", fault.name());
        var eventIds = audit.intake(load, accepted);
        audit.readBack(accepted);
        audit.gateway(accepted);
        audit.exactlyOnce(accepted, eventIds);
        audit.screens(screens, deliveries, load);
        screens.close();
        try (Backlog backlog = new Backlog(stack)) {
            long added = backlog.deadLetters() - deadLettersBefore;
            audit.lines().add("  dead-letter topics: " + added + " records added during the run; waiting to be "
                    + "replayed: " + backlog.deadLettersWaiting());
            if (added > 0) {
                // Every report of the load is valid: a dead letter is an event a fault made a consumer give up on.
                audit.failures().add(added + " records were dead-lettered during the run (deploy/local/dlq.sh list)");
            }
        }
        summary.addAll(audit.lines());
        failures.addAll(audit.failures());
    }

    private void injectAndHeal(long start, Duration readyTimeout) {
        try {
            sleepUntil(start + faultAt.toNanos());
            Progress.say("%s: injecting", fault.name());
            injectedNanos = System.nanoTime();
            int injected = fault.run("inject", Duration.ofSeconds(60));
            injectDoneNanos = System.nanoTime();
            if (injected != 0) {
                failures.add("faults.sh inject " + fault.name() + " exited " + injected);
            }
            // Counted from when the inject command returned: only then is the fault surely in effect.
            sleepUntil(injectDoneNanos + faultLength.toNanos());
            Progress.say("%s: healing (restarting)", fault.name());
            healStartNanos = System.nanoTime();
            healExit.set(fault.run("heal", readyTimeout));
            healEndNanos = System.nanoTime();
            Progress.say("%s: heal command finished (exit %d) after %.1f s", fault.name(), healExit.get(),
                    (healEndNanos - healStartNanos) / 1e9);
        } catch (Exception e) {
            failures.add("fault " + fault.name() + " failed: " + e);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Pause.millis(wait / 1_000_000);
        }
    }

    private Phase phase(long intended) {
        if (injectedNanos == 0 || intended < injectedNanos) {
            return Phase.BEFORE;
        }
        return healStartNanos == 0 || intended < healStartNanos ? Phase.DURING : Phase.AFTER;
    }

    /** HTTP answers by phase; a 5xx other than 503 is a failure (503 with problem+json is the designed refusal). */
    private void describeAnswers() {
        Map<Phase, Outcomes> byPhase = new java.util.EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            byPhase.put(phase, new Outcomes());
        }
        long serverErrors = 0;
        for (int i = 0; i < load.size(); i++) {
            IntakeClient.Answer answer = load.answer(i);
            String outcome = answer == null ? "still unanswered" : answer.outcome()
                    + (answer.status() >= 400 ? (answer.problemJson() ? " problem+json" : " not problem+json") : "");
            byPhase.get(phase(load.intended(i))).count(outcome);
            if (answer != null && answer.status() >= 500 && answer.status() != 503) {
                serverErrors++;
            }
        }
        Outcomes all = load.outcomes();
        summary.add(String.format("  reports: %d sent, %d accepted (201), refused/failed: %s", load.size(),
                all.get("201"), all.describeExcept("201")));
        for (Phase phase : Phase.values()) {
            Outcomes outcomes = byPhase.get(phase);
            summary.add(String.format("    sent %-18s %5d, accepted %5d, other: %s", phase.label + ":",
                    outcomes.total(), outcomes.get("201"), outcomes.describeExcept("201")));
        }
        summary.add("  intake answer (201), from intended send: "
                + Latency.percentiles(load.acceptedLatency(), 50, 99));
        if (serverErrors > 0) {
            failures.add(serverErrors + " answers were a 5xx other than 503");
        }
    }

    /** From the restart: when the stack said it was ready, and when a report sent after it was accepted and shown. */
    private void describeRecovery(ReadinessTimeline timeline, ScreenDeliveries deliveries) {
        if (healStartNanos == 0) {
            summary.add("  recovery: the fault was never healed (see failures)");
            return;
        }
        long ready = timeline.readyAgain(healStartNanos);
        summary.add(String.format("  fault: injected at +%s (inject command took %.1f s), restart began at +%s",
                seconds(injectedNanos - load.schedule().startNanos()), (injectDoneNanos - injectedNanos) / 1e9,
                seconds(healStartNanos - load.schedule().startNanos())));
        summary.add(String.format("  readiness: %s during the fault; all ready %s after the restart began"
                        + " (heal command took %.1f s, exit %d)",
                timeline.wentDown(injectedNanos) ? "went DOWN" : "stayed UP",
                ready < 0 ? "NOT (still down at the end)" : seconds(ready - healStartNanos),
                (healEndNanos - healStartNanos) / 1e9, healExit.get()));
        int firstAccepted = -1;
        int firstShown = -1;
        for (int i = 0; i < load.size(); i++) {
            if (load.intended(i) >= healStartNanos && load.accepted(i)) {
                if (firstAccepted < 0) {
                    firstAccepted = i;
                }
                if (deliveries.firstArrival(i) != Long.MAX_VALUE) {
                    firstShown = i;
                    break;
                }
            }
        }
        summary.add(firstAccepted < 0 ? "  recovery: no report sent after the restart was accepted"
                : String.format("  recovery: first report sent after the restart and accepted: sent +%s, answered +%s",
                seconds(load.intended(firstAccepted) - healStartNanos),
                seconds(load.answer(firstAccepted).answeredNanos() - healStartNanos)));
        summary.add(firstShown < 0 ? "  recovery: no report sent after the restart reached a screen"
                : String.format("  recovery: first report sent after the restart and accepted and on a screen:"
                        + " sent +%s, on screen +%s  <- recovery time",
                seconds(load.intended(firstShown) - healStartNanos),
                seconds(deliveries.firstArrival(firstShown) - healStartNanos)));
        long backlogShown = Long.MIN_VALUE;
        for (int i = 0; i < load.size(); i++) {
            if (load.intended(i) < healStartNanos && load.accepted(i) && deliveries.firstArrival(i) != Long.MAX_VALUE) {
                backlogShown = Math.max(backlogShown, deliveries.firstArrival(i));
            }
        }
        if (backlogShown != Long.MIN_VALUE) {
            summary.add("  reports accepted before the restart were all on a screen by +"
                    + seconds(backlogShown - healStartNanos) + " (if none is missing below)");
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
