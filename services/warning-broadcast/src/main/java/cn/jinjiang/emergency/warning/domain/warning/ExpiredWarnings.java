package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Ends issued warnings at their expiry, a pass every {@code emergency.warning.expiry.check-every}. */
@ApplicationScoped
public class ExpiredWarnings {

    @ConfigMapping(prefix = "emergency.warning.expiry")
    public interface Schedule {
        @WithDefault("30s")
        Duration checkEvery();
    }

    private final Schedule schedule;
    private final PeriodicPass pass;

    public ExpiredWarnings(Warnings warnings, Schedule schedule, OutboxCommits commits, Vertx vertx) {
        this.schedule = schedule;
        this.pass = new PeriodicPass("Warnings expired", () -> warnings.expire(OffsetDateTime.now(ZoneOffset.UTC)),
                commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(schedule.checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }
}
