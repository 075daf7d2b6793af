package cn.jinjiang.emergency.shared.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The bureaus' calendar: which day it is, and which day a moment falls on, in their time zone ({@code emergency.zone},
 * default Asia/Shanghai). Their day, not UTC's, is what "today", a lot's expiry date and a daily figure mean: from
 * 16:00 UTC it is already the next day in Jinjiang and Licheng. Every date a service works out (a lot's expiry against
 * today, a shelf life counted from a receipt) comes from here, so none is the UTC date by accident.
 * <p>
 * Read as one property rather than a mapping of the {@code emergency} prefix, which would claim every
 * {@code emergency.*} key as its own and refuse the ones it does not know.
 */
@ApplicationScoped
public class BureauCalendar {

    private final ZoneId zone;
    private final Clock clock;

    public BureauCalendar(@ConfigProperty(name = "emergency.zone", defaultValue = "Asia/Shanghai") ZoneId zone,
            Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The moment now, in UTC, from the clock {@link #today()} reads, so that the two agree. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Today in the bureaus' zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The bureaus' date at that moment, whatever offset it was written with. */
    public LocalDate dateOf(OffsetDateTime moment) {
        return moment.atZoneSameInstant(zone).toLocalDate();
    }
}
