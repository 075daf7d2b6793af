package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.reserves.config.ShelterSettings;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Announces the register on reserve-events: every shelter the reference file added or changed since it was last
 * announced goes out as shelter.listed, so a consumer learns every shelter from the topic alone. A pass takes its rows
 * FOR UPDATE SKIP LOCKED, so instances running passes at once announce disjoint rows, and a shelter busy with an
 * occupancy report is simply left for the next pass instead of being waited for.
 */
@ApplicationScoped
public class ShelterAnnouncements {

    private final ShelterEvents events;
    private final ShelterSettings settings;
    private final PeriodicPass pass;

    public ShelterAnnouncements(ShelterEvents events, ShelterSettings settings, OutboxCommits commits, Vertx vertx) {
        this.events = events;
        this.settings = settings;
        this.pass = new PeriodicPass("Shelters announced", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(settings.announceEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, inside the caller's transaction; returns how many shelters it announced. */
    Uni<Integer> announce() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return unannounced().flatMap(shelters -> Multi.createFrom().iterable(shelters)
                .onItem().transformToUniAndConcatenate(shelter -> {
                    shelter.announcedVersion = shelter.listedVersion;
                    return events.listed(shelter, now);
                })
                .collect().last()
                .replaceWith(shelters.size()));
    }

    private Uni<List<Shelter>> unannounced() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM shelter WHERE announced_version < listed_version ORDER BY code "
                                + "LIMIT :limit FOR UPDATE SKIP LOCKED", Shelter.class)
                .setParameter("limit", settings.announceBatchSize())
                .getResultList());
    }
}
