package cn.jinjiang.emergency.shared.api;

import cn.jinjiang.emergency.shared.domain.InvalidFieldException;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The period a statistic is asked for, [from, to), read from {@code from}/{@code to}: without them the last 30 days.
 * A year of a bureau's records is the most one request may read.
 */
public record ReportingPeriod(OffsetDateTime from, OffsetDateTime to) {

    public static final Duration LONGEST = Duration.ofDays(366);

    /** @throws InvalidFieldException naming {@code from} or {@code to} for an unreadable, reversed or too long period */
    public static ReportingPeriod of(String from, String to, OffsetDateTime now) {
        OffsetDateTime end = to == null ? now : QueryParams.instant("to", to);
        OffsetDateTime start = from == null ? end.minusDays(30) : QueryParams.instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidFieldException("from", "the period may be at most 366 days");
        }
        return new ReportingPeriod(start, end);
    }
}
