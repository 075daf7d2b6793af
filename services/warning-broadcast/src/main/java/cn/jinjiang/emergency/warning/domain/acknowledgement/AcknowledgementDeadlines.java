package cn.jinjiang.emergency.warning.domain.acknowledgement;

import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.events.AcknowledgementOverdue;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Tells the command centre, once per warning and town (street), that a town the warning reaches has not acknowledged
 * it in the time its level allows (warning.acknowledgement-overdue). A warning reaches the towns it targets, the towns
 * of a county it targets, and the town of a village it targets; a village may acknowledge, but only the town's own
 * acknowledgement counts for the town. Each town is told once: the row recording it is inserted first, and only the
 * instance whose insert took it announces it.
 */
@ApplicationScoped
public class AcknowledgementDeadlines {

    /** How long a town has to acknowledge, by the warning's level, and how often that is checked. */
    @ConfigMapping(prefix = "emergency.warning.acknowledgement")
    public interface Deadlines {

        /** Orange and red: people may have to move. */
        @WithDefault("30m")
        Duration urgentWithin();

        /** Blue and yellow. */
        @WithDefault("2h")
        Duration within();

        @WithDefault("30s")
        Duration checkEvery();
    }

    private final Deadlines deadlines;
    private final Outbox outbox;
    private final PeriodicPass pass;

    public AcknowledgementDeadlines(Deadlines deadlines, Outbox outbox, OutboxCommits commits, Vertx vertx) {
        this.deadlines = deadlines;
        this.outbox = outbox;
        this.pass = new PeriodicPass("Unacknowledged warnings announced", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(deadlines.checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, in the caller's transaction: how many towns it told overdue. */
    Uni<Integer> announce() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        WITH due AS (
                            SELECT w.id, t.code AS target FROM warning w,
                                   unnest(string_to_array(w.area_codes, ',')) AS t(code)
                            WHERE w.status = 'ACTIVE' AND w.approved_at <= CASE WHEN w.level IN ('ORANGE', 'RED')
                                  THEN CAST(?1 AS timestamptz) ELSE CAST(?2 AS timestamptz) END),
                        towns AS (
                            SELECT DISTINCT due.id, a.code FROM due JOIN area a ON a.level = 'TOWNSHIP'
                                AND (a.code = due.target OR a.parent_code = due.target
                                     OR a.code = (SELECT v.parent_code FROM area v
                                                  WHERE v.code = due.target AND v.level = 'VILLAGE')))
                        INSERT INTO warning_acknowledgement_overdue (warning_id, area_code, detected_at)
                        SELECT towns.id, towns.code, CAST(?3 AS timestamptz) FROM towns
                        WHERE NOT EXISTS (SELECT 1 FROM warning_acknowledgement k
                                          WHERE k.warning_id = towns.id AND k.area_code = towns.code)
                          AND NOT EXISTS (SELECT 1 FROM warning_acknowledgement_overdue o
                                          WHERE o.warning_id = towns.id AND o.area_code = towns.code)
                        ORDER BY towns.id, towns.code LIMIT 500
                        ON CONFLICT DO NOTHING
                        RETURNING warning_id, area_code""", Object[].class)
                        .setParameter(1, now.minus(deadlines.urgentWithin()))
                        .setParameter(2, now.minus(deadlines.within()))
                        .setParameter(3, now).getResultList())
                .flatMap(rows -> announce(rows, now));
    }

    private Uni<Integer> announce(List<Object[]> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> Warning.<Warning>findById((UUID) row[0])
                        .flatMap(warning -> outbox.add(EventType.WARNING_ACKNOWLEDGEMENT_OVERDUE, warning.subject(),
                                new AcknowledgementOverdue(warning.id, warning.incidentId, warning.level,
                                        (String) row[1], warning.approvedAt.plus(allowed(warning.level)), now))))
                .collect().last().replaceWith(rows.size());
    }

    private Duration allowed(WarningLevel level) {
        return level == WarningLevel.ORANGE || level == WarningLevel.RED ? deadlines.urgentWithin()
                : deadlines.within();
    }
}
