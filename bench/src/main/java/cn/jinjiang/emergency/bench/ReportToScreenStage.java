package cn.jinjiang.emergency.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * B2: report to screens. Reports arrive at a fixed rate while many screens watch the gateway's feed; every
 * (screen, report) arrival goes into one histogram, measured from the report's intended send time. This covers
 * intake's transaction, the outbox relay, Kafka, the gateway's consumer and the WebSocket push.
 */
final class ReportToScreenStage {

    private ReportToScreenStage() {
    }

    static List<String> run(IntakeClient intake, Screens screens, String runId, double perSecond, Duration length,
                            Duration answerWait, Duration grace, Backlog backlog, Duration drainTimeout,
                            double kafkaP50Ms, double kafkaP99Ms) {
        ReportLoad load = new ReportLoad(intake, ReportTitles.of(runId, "b2"), perSecond, length);
        Histogram latency = Latency.histogram();
        ScreenDeliveries deliveries = new ScreenDeliveries(load.titles(), load.intendedNanos(), screens.count(),
                latency);
        screens.deliverTo(deliveries);
        Progress.say("B2: %d screens, %s reports/s for %d s", screens.count(), IntakeLatencyStage.fmt(perSecond),
                length.toSeconds());
        StackCpu cpu = StackCpu.local();
        CpuReading cpuBefore = cpu.reading();
        load.send(System.nanoTime() + 20_000_000);
        load.awaitAnswers(answerWait);

        long expected = load.acceptedCount() * screens.count();
        long deadline = System.nanoTime() + grace.toNanos();
        while (deliveries.received() < expected && System.nanoTime() < deadline) {
            Pause.millis(100);
        }
        long withinGrace = deliveries.received();
        // The stage's CPU is read once every delivery is in (or the grace is over), before any backlog wait.
        CpuUse cpuUsed = CpuUse.between(cpuBefore, cpu.reading());
        // Late deliveries still count in the histogram: dropping them would make a lagging system look faster.
        if (withinGrace < expected) {
            Progress.say("B2: %d of %d deliveries in after the grace; recording late ones until the backlog drains",
                    withinGrace, expected);
            backlog.awaitDrained(drainTimeout);
            Pause.millis(2000); // the gateway's pushes trail its consumer's commit
        }
        screens.deliverTo((screen, message, arrival) -> { });

        long received = deliveries.received();
        long duplicates = screens.all().stream().mapToLong(deliveries::duplicates).sum();
        List<String> summary = new ArrayList<>();
        summary.add(String.format("B2 report -> screens: %d screens, %s reports/s offered for %d s, %d sent,"
                        + " %d accepted (201), intake refused/failed: %s", screens.count(),
                IntakeLatencyStage.fmt(perSecond), length.toSeconds(), load.size(), load.acceptedCount(),
                load.outcomes().describeExcept("201")));
        summary.add("  report -> screen, from intended send (every delivery, late ones too): "
                + Latency.percentiles(latency, 50, 99, 99.9));
        summary.add(String.format("  deliveries: expected %d (201s x screens); received %d within a %d s grace after"
                        + " the last answer (missing %d)", expected, withinGrace, grace.toSeconds(),
                Math.max(0, expected - withinGrace)));
        summary.add(String.format("              received %d once the backlog drained (missing %d); duplicates %d,"
                        + " screen drops %d", received, Math.max(0, expected - received), duplicates, screens.drops()));
        summary.add("  intake answer (201), from intended send: "
                + Latency.percentiles(load.acceptedLatency(), 50, 99));
        summary.addAll(cpuUsed.perUnit("report", "", load.acceptedCount()));
        record(perSecond, screens.count(), latency, Math.max(0, expected - received), load, cpuUsed);
        if (latency.getTotalCount() > 0 && kafkaP50Ms > 0 && kafkaP99Ms > 0) {
            summary.add(String.format("  vs Kafka EndToEndLatency floor (p50 %s ms, p99 %s ms): p50 x%.1f, p99 x%.1f",
                    IntakeLatencyStage.fmt(kafkaP50Ms), IntakeLatencyStage.fmt(kafkaP99Ms),
                    latency.getValueAtPercentile(50) / 1e6 / kafkaP50Ms,
                    latency.getValueAtPercentile(99) / 1e6 / kafkaP99Ms));
        } else {
            summary.add("  vs Kafka EndToEndLatency floor: n/a (B0 not run, or its percentile was 0 ms)");
        }
        summary.forEach(line -> Progress.say("%s", line));
        return summary;
    }

    /** Under a name that holds the load (rate and screens), so only a run at the target's load meets it. */
    private static void record(double perSecond, int screens, Histogram latency, long missing, ReportLoad load,
            CpuUse cpu) {
        String figure = "b2/" + Figures.number(perSecond) + "rps-" + screens + "screens/";
        if (latency.getTotalCount() > 0) {
            Figures.recordNanosAsMs(figure + "p50_ms", latency.getValueAtPercentile(50));
            Figures.recordNanosAsMs(figure + "p99_ms", latency.getValueAtPercentile(99));
        }
        Figures.record(figure + "missing", missing);
        if (load.acceptedLatency().getTotalCount() > 0) {
            Figures.recordNanosAsMs(figure + "intake_p99_ms", load.acceptedLatency().getValueAtPercentile(99));
        }
        Figures.record(figure + "cpu_ms_per_report", cpu.msPer(load.acceptedCount()));
    }
}
