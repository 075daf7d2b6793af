package cn.jinjiang.emergency.shared.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The bureaus' calendar: which day it is, and which day a moment falls on, in the configured zone
 * ({@link BureauZone}). Every date a service works out (a lot's expiry against today, a shelf life counted from a
 * receipt) comes from here, so none is the UTC date by accident.
 */
@ApplicationScoped
public class BureauCalendar {

    private final ZoneId zone;
    private final Clock clock;

    public BureauCalendar(BureauZone config, Clock clock) {
        this.zone = config.zone();
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
