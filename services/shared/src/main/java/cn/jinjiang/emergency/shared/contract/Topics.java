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

    /**
     * The CloudEvents source of the one service that writes a topic; an event on it from any other source is refused
     * by every consumer.
     */
    public static String owner(String topic) {
        return switch (topic) {
            case INCIDENT_EVENTS -> "/incident-intake";
            case DISPATCH_EVENTS -> "/resource-dispatch";
            case WARNING_EVENTS -> "/warning-broadcast";
            case RESERVE_EVENTS -> "/material-reserves";
            default -> throw new IllegalArgumentException("no such topic: " + topic);
        };
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
