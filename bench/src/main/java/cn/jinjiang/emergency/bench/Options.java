package cn.jinjiang.emergency.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stage's own {@code --name=value} arguments, so each can also run alone. Where a stage measures one of bench.sh's
 * options its fallback is that option's default in {@link BenchOption}; chaos.sh still states its own defaults and
 * passes every value, so ChaosMain's fallbacks only back them up.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    private Options() {
    }

    static Options parse(String[] args) {
        Options options = new Options();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            options.values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    String text(String name, String fallback) {
        read.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, Double.toString(fallback)));
    }

    Duration seconds(String name, double fallback) {
        return Duration.ofMillis(Math.round(decimal(name, fallback) * 1000));
    }

    List<String> list(String name, String fallback) {
        List<String> items = new ArrayList<>();
        for (String item : text(name, fallback).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** A misspelt option would otherwise silently run with its default. */
    void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown);
        }
    }
}
