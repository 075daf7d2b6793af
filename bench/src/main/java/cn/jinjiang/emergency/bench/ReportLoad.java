package cn.jinjiang.emergency.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * First reports posted at a fixed rate (see {@link OpenLoad}), with every answer kept by report number so that other
 * observers (screens, the audit) can look a report up. Answer latency runs from the intended send time.
 */
final class ReportLoad {

    private final IntakeClient intake;
    private final ReportTitles titles;
    private final double perSecond;
    private final Duration length;
    private final AtomicLongArray intendedNanos;
    private final AtomicReferenceArray<IntakeClient.Answer> answers;
    private final CompletableFuture<?>[] pending;
    private final Histogram acceptedLatency = Latency.histogram();
    private final Outcomes outcomes = new Outcomes();
    private final AtomicLong lastAcceptedNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile OpenLoad.Schedule schedule;

    ReportLoad(IntakeClient intake, ReportTitles titles, double perSecond, Duration length) {
        this.intake = intake;
        this.titles = titles;
        this.perSecond = perSecond;
        this.length = length;
        int count = (int) Math.round(perSecond * length.toNanos() / 1e9);
        this.intendedNanos = new AtomicLongArray(count);
        this.answers = new AtomicReferenceArray<>(count);
        this.pending = new CompletableFuture<?>[count];
    }

    /** Sends the whole schedule from the calling thread, starting at {@code startNanos}. */
    OpenLoad.Schedule send(long startNanos) {
        schedule = OpenLoad.run(perSecond, length, startNanos, (index, intended) -> {
            intendedNanos.set(index, intended);
            pending[index] = intake.report(titles.title(index)).thenAccept(answer -> {
                answers.set(index, answer);
                outcomes.count(answer.outcome());
                if (answer.accepted()) {
                    Latency.record(acceptedLatency, answer.answeredNanos() - intended);
                    lastAcceptedNanos.accumulateAndGet(answer.answeredNanos(), Math::max);
                }
            });
        });
        return schedule;
    }

    /**
     * Waits for the outstanding answers; whatever is still open afterwards is counted as unanswered. The margin lets
     * the client's own request timeout (the same length) fire first, so a report is never counted twice.
     */
    void awaitAnswers(Duration timeout) {
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            for (int i = 0; i < pending.length; i++) {
                if (answers.get(i) == null) {
                    outcomes.count("still unanswered");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ReportTitles titles() {
        return titles;
    }

    double perSecond() {
        return perSecond;
    }

    Duration length() {
        return length;
    }

    int size() {
        return intendedNanos.length();
    }

    AtomicLongArray intendedNanos() {
        return intendedNanos;
    }

    long intended(int index) {
        return intendedNanos.get(index);
    }

    /** Null while unanswered. */
    IntakeClient.Answer answer(int index) {
        return answers.get(index);
    }

    boolean accepted(int index) {
        IntakeClient.Answer answer = answers.get(index);
        return answer != null && answer.accepted();
    }

    long acceptedCount() {
        return outcomes.get("201");
    }

    Outcomes outcomes() {
        return outcomes;
    }

    Histogram acceptedLatency() {
        return acceptedLatency;
    }

    OpenLoad.Schedule schedule() {
        return schedule;
    }

    /** 201s per second from the first intended send to the last 201: what intake sustained. */
    double achievedPerSecond() {
        long last = lastAcceptedNanos.get();
        if (last == Long.MIN_VALUE || schedule == null) {
            return 0;
        }
        double seconds = Math.max(length.toNanos(), last - schedule.startNanos()) / 1e9;
        return acceptedCount() / seconds;
    }
}
