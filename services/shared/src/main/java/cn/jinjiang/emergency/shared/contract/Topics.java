package cn.jinjiang.emergency.shared.contract;

import java.util.List;

/** Kafka topic names. Every record is keyed by incident id so one incident's events stay in order. */
public final class Topics {

    public static final String INCIDENT_EVENTS = "incident-events";
    public static final String DISPATCH_EVENTS = "dispatch-events";
    public static final String WARNING_EVENTS = "warning-events";
    public static final String RESERVE_EVENTS = "reserve-events";

    public static final List<String> ALL = List.of(INCIDENT_EVENTS, DISPATCH_EVENTS, WARNING_EVENTS, RESERVE_EVENTS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
