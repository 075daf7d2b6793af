package cn.jinjiang.emergency.shared.api;

import cn.jinjiang.emergency.shared.domain.InvalidFieldException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Query parameters read strictly: a value that is not one of the allowed ones is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static OffsetDateTime instant(String name, String value) {
        if (value == null) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be a date-time with offset, e.g. 2026-09-14T06:00:00+08:00");
        }
        // As in request bodies (StrictJson): a year ISO-8601 allows but nothing downstream can write back.
        if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
            throw new InvalidFieldException(name, "must have a year from 0001 to 9999");
        }
        return parsed;
    }

    /**
     * A whole number from {@code min} to {@code max}, or {@code absent} when the parameter is not given; anything
     * else (a fraction, text, an empty value) is a 400 naming the parameter.
     */
    public static int whole(String name, String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new InvalidFieldException(name, "must be a whole number from " + min + " to " + max);
    }
}
