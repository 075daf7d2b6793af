package cn.jinjiang.emergency.shared.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock the calendar reads: the system's, unless a test puts another in its place (a moment in the evening UTC,
 * when it is already tomorrow in the bureaus' zone) instead of waiting for that hour.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock system() {
        return Clock.systemUTC();
    }
}
