package cn.jinjiang.emergency.shared.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka topic names and who writes and reads them. Every record is keyed by incident id so one incident's events stay
 * in order. The writers and readers come from {@code schemas/topic-access.csv}, the table the broker's ACLs are made
 * from, so the owner check consumers make and what the broker allows cannot drift apart.
 */
public final class Topics {

    public static final String INCIDENT_EVENTS = "incident-events";
    public static final String DISPATCH_EVENTS = "dispatch-events";
    public static final String WARNING_EVENTS = "warning-events";
    public static final String RESERVE_EVENTS = "reserve-events";
    /** Signed CAP 1.2 XML for the broadcast platform, keyed by warning id; not CloudEvents. */
    public static final String BROADCAST_CAP = "broadcast-cap";
    /** The broadcast platform's playback reports per terminal. */
    public static final String BROADCAST_ACKS = "broadcast-acks";

    /**
     * One row of the table: the service that writes the topic, the services that read it, and those that show how
     * many records wait in its dead-letter topic.
     */
    public record Access(String writer, List<String> readers, List<String> dlqWatchers) {
    }

    private static final Map<String, Access> TABLE = load("schemas/topic-access.csv");

    public static final List<String> ALL = List.copyOf(TABLE.keySet());

    private Topics() {
    }

    /**
     * The CloudEvents source of the one service that writes a topic; an event on it from any other source is refused
     * by every consumer.
     */
    public static String owner(String topic) {
        return "/" + access(topic).writer();
    }

    public static Access access(String topic) {
        Access access = TABLE.get(topic);
        if (access == null) {
            throw new IllegalArgumentException("no such topic: " + topic);
        }
        return access;
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /**
     * The consumer group in which a replay ({@code deploy/local/dlq.sh replay TOPIC}) commits how far it has put the
     * topic's dead letters back: what lies beyond its offset still waits.
     */
    public static String replayGroup(String topic) {
        return "dlq-replay-" + topic;
    }

    private static Map<String, Access> load(String resource) {
        InputStream in = Topics.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        Map<String, Access> table = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 4) {
                    throw new IllegalStateException(resource + ": expected topic,writer,readers,dlq-watchers but got: "
                            + line);
                }
                table.put(cells[0].trim(), new Access(cells[1].trim(), names(cells[2]), names(cells[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }

    private static List<String> names(String cell) {
        return cell.isBlank() ? List.of() : List.of(cell.trim().split("\\s+"));
    }
}
