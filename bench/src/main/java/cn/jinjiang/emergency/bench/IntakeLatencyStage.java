package cn.jinjiang.emergency.bench;

import java.time.Duration;
import java.util.List;

/**
 * B1: incident-intake alone under an open load. How fast it answers a first report (from the intended send time) and
 * how many reports per second it actually accepts when offered a fixed rate.
 */
final class IntakeLatencyStage {

    private IntakeLatencyStage() {
    }

    /** The load with its answers, and the stack's CPU per accepted report at this rate. */
    record Result(ReportLoad load, List<String> cpu) {
    }

    static Result run(IntakeClient intake, String runId, double perSecond, Duration length, Duration answerWait,
            Backlog backlog, Duration drainTimeout) {
        ReportLoad load = new ReportLoad(intake, ReportTitles.of(runId, "b1-" + (long) perSecond), perSecond, length);
        Progress.say("B1: %s reports/s for %d s (%d reports)", fmt(perSecond), length.toSeconds(), load.size());
        StackCpu cpu = StackCpu.local();
        CpuReading before = cpu.reading();
        load.send(System.nanoTime() + 20_000_000);
        load.awaitAnswers(answerWait);
        // The reports' work goes on after their answers (relay, consumers): read the CPU once that has been taken in,
        // so it is billed to this rate and not to the next.
        backlog.awaitDrained(drainTimeout);
        CpuUse used = CpuUse.between(before, cpu.reading());
        Progress.say("B1: %s/s offered, %s/s accepted; answer %s; refused/failed: %s", fmt(perSecond),
                fmt(load.achievedPerSecond()), Latency.percentiles(load.acceptedLatency(), 50, 99),
                load.outcomes().describeExcept("201"));
        String figure = "b1/" + Figures.number(perSecond) + "rps/";
        Figures.record(figure + "accepted_per_s", load.achievedPerSecond());
        if (load.acceptedLatency().getTotalCount() > 0) {
            Figures.recordNanosAsMs(figure + "p99_ms", load.acceptedLatency().getValueAtPercentile(99));
        }
        // Overload is to be shed (503 with Retry-After, see IntakeClient), never failed or left unanswered.
        Figures.record(figure + "not_shed", load.outcomes().totalExcept("201") - load.outcomes().get("503"));
        Figures.record(figure + "cpu_ms_per_report", used.msPer(load.acceptedCount()));
        return new Result(load, used.perUnit("report", "at " + fmt(perSecond) + "/s", load.acceptedCount()));
    }

    static String header() {
        return String.format("  %-9s %-9s %-9s %-9s %-9s %-7s %s", "offered", "achieved", "p50", "p99", "max",
                "201s", "non-201 answers and errors (by status)");
    }

    static String row(ReportLoad load) {
        var latency = load.acceptedLatency();
        boolean any = latency.getTotalCount() > 0;
        return String.format("  %-9s %-9s %-9s %-9s %-9s %-7d %s", fmt(load.perSecond()) + "/s",
                fmt(load.achievedPerSecond()) + "/s",
                any ? Latency.ms(latency.getValueAtPercentile(50)) : "-",
                any ? Latency.ms(latency.getValueAtPercentile(99)) : "-",
                any ? Latency.ms(latency.getMaxValue()) : "-",
                load.acceptedCount(), load.outcomes().describeExcept("201")
                        + sendLag(load));
    }

    /** Shown only when the harness itself could not keep the schedule, since then the offered rate is not exact. */
    private static String sendLag(ReportLoad load) {
        long lag = load.schedule().maxLagNanos();
        return lag > 50_000_000 ? "; harness sent up to " + Latency.ms(lag) + " late" : "";
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.1f", value);
    }
}
