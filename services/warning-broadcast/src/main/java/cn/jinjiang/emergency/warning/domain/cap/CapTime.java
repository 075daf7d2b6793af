package cn.jinjiang.emergency.warning.domain.cap;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * CAP date-times: {@code 2025-07-28T14:30:00+08:00}. CAP 1.2 forbids fractional seconds and the {@code Z} designator
 * and writes UTC as {@code -00:00}; the schema's pattern enforces it.
 */
public final class CapTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private CapTime() {
    }

    /** Drops fractional seconds, so a message's time and a later reference to it are the same text. */
    public static OffsetDateTime normalize(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        if (time.getOffset().getTotalSeconds() % 60 != 0) {
            throw new IllegalArgumentException("CAP offsets are whole minutes: " + time);
        }
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new IllegalArgumentException("CAP years have four digits: " + time);
        }
        return time.truncatedTo(ChronoUnit.SECONDS);
    }

    public static String format(OffsetDateTime time) {
        String text = normalize(time).format(FORMAT);
        return text.endsWith("+00:00") ? text.substring(0, text.length() - 6) + "-00:00" : text;
    }
}
