package cn.jinjiang.emergency.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** Latency histograms in nanoseconds and how the harness prints them (milliseconds). */
final class Latency {

    /** Anything slower than ten minutes is a hang, not a latency. */
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(10);

    private Latency() {
    }

    /** Recorded into from the HTTP and WebSocket threads at once. */
    static Histogram histogram() {
        return new ConcurrentHistogram(1_000, HIGHEST, 3);
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 1_000), HIGHEST));
    }

    static String ms(double nanos) {
        double millis = nanos / 1e6;
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String percentiles(Histogram histogram, double... percentiles) {
        if (histogram.getTotalCount() == 0) {
            return "no samples";
        }
        StringBuilder text = new StringBuilder();
        for (double percentile : percentiles) {
            text.append(String.format("p%s %s, ", label(percentile), ms(histogram.getValueAtPercentile(percentile))));
        }
        return text.append("max ").append(ms(histogram.getMaxValue()))
                .append(" (n=").append(histogram.getTotalCount()).append(')').toString();
    }

    private static String label(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
