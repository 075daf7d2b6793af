package cn.jinjiang.emergency.bench;

import java.util.Map;

/**
 * CPU milliseconds used so far, per pid: the stack's by process name (PostgreSQL's many pids under one name), the
 * harness's apart. Kept per pid so that a PostgreSQL backend that starts between two readings counts from zero and
 * one that exits does not make the difference negative.
 */
record CpuReading(Map<String, Map<Long, Double>> stack, Map<Long, Double> harness, long nanos) {
}
