package cn.jinjiang.emergency.gateway.picture;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A place in the picture's history: for every partition of every topic the gateway reads, the offset of the next
 * record not yet reflected (a partition not named is at 0). One gateway instance orders the partitions' changes as it
 * happens to poll them, another differently; only within a partition is the order the same everywhere. A vector of
 * offsets therefore names the same state on every instance, where a single counter would not.
 * <p>
 * Written as a token {@code topic/partition=offset,...} (partitions in name order), which screens hand back unread.
 */
public final class Position {

    public static final Position START = new Position(Map.of());
    private static final Pattern ENTRY = Pattern.compile("[a-z][a-z.-]{0,100}/[0-9]{1,4}=[0-9]{1,18}");
    private static final int MAX_PARTITIONS = 256;

    private final Map<String, Long> next;
    /** Written on first use: every message to every screen carries it, and a position never changes. */
    private volatile String token;

    private Position(Map<String, Long> next) {
        this.next = Collections.unmodifiableMap(new TreeMap<>(next));
    }

    public static Position of(Map<String, Long> next) {
        return new Position(next);
    }

    /** @throws IllegalArgumentException when the token is not one this gateway writes */
    public static Position parse(String token) {
        if (token == null || token.isBlank()) {
            return START;
        }
        String[] entries = token.split(",", -1);
        if (entries.length > MAX_PARTITIONS) {
            throw new IllegalArgumentException("too many partitions");
        }
        Map<String, Long> next = new TreeMap<>();
        for (String entry : entries) {
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalArgumentException("not topic/partition=offset: " + entry);
            }
            int eq = entry.indexOf('=');
            next.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
        }
        return new Position(next);
    }

    public long next(String partitionKey) {
        return next.getOrDefault(partitionKey, 0L);
    }

    public Map<String, Long> offsets() {
        return next;
    }

    /** Whether the change from {@code source} is not yet reflected here. */
    public boolean precedes(Source source) {
        return source.offset() >= next(source.partitionKey());
    }

    /** This position with {@code source} reflected. */
    public Position after(Source source) {
        if (!precedes(source)) {
            return this;
        }
        Map<String, Long> moved = new TreeMap<>(next);
        moved.put(source.partitionKey(), source.offset() + 1);
        return new Position(moved);
    }

    public String token() {
        String written = token;
        if (written == null) {
            StringBuilder text = new StringBuilder();
            next.forEach((key, offset) -> text.append(text.isEmpty() ? "" : ",").append(key).append('=')
                    .append(offset));
            written = text.toString();
            token = written;
        }
        return written;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position position && next.equals(position.next);
    }

    @Override
    public int hashCode() {
        return next.hashCode();
    }

    @Override
    public String toString() {
        return token();
    }
}
