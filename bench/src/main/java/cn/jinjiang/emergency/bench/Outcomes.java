package cn.jinjiang.emergency.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Answers counted by status code or kind of failure. */
final class Outcomes {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String outcome) {
        counts.computeIfAbsent(outcome, key -> new LongAdder()).increment();
    }

    long get(String outcome) {
        LongAdder count = counts.get(outcome);
        return count == null ? 0 : count.sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Everything but the given outcome, e.g. every refusal and failure besides 201. */
    long totalExcept(String outcome) {
        return total() - get(outcome);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((outcome, count) -> sorted.put(outcome, count.sum()));
        return sorted;
    }

    /** e.g. "503: 12, 500: 3", or "none". */
    String describeExcept(String outcome) {
        String text = snapshot().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(outcome))
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "none" : text;
    }
}
