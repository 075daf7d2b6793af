package cn.jinjiang.emergency.warning.domain.acknowledgement;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.WarningAcknowledged;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A duty officer acknowledges a warning reaching their area, for their area, once: the first acknowledgement is
 * stored and announced (warning.acknowledged) in one transaction; another by the same area gets the first back and
 * announces nothing, so a retried or doubled tap never tells the command centre twice.
 */
@ApplicationScoped
public class Acknowledgements {

    /** An area's acknowledgement, and whether this call made it. */
    public record Acknowledgement(String areaCode, String by, OffsetDateTime at, boolean made) {
    }

    private final Outbox outbox;

    public Acknowledgements(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Runs in the caller's transaction. */
    public Uni<Acknowledgement> acknowledge(UUID warningId, Caller caller) {
        // To the microsecond, as PostgreSQL keeps it: the same instant whether answered now or read back later.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String area = caller.area();
        return Warning.<Warning>findById(warningId).flatMap(warning -> {
            if (warning == null || area == null || !warning.reaches(area)) {
                return Uni.createFrom().failure(new NotFound("No warning " + warningId));
            }
            if (warning.status != Warning.Status.ACTIVE) {
                return Uni.createFrom().failure(new Conflict("Warning " + warningId + " is " + warning.status
                        + "; only an issued warning in force is acknowledged"));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery("INSERT INTO "
                                    + "warning_acknowledgement (warning_id, area_code, acknowledged_by, acknowledged_at) "
                                    + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                            .setParameter(1, warningId).setParameter(2, area).setParameter(3, caller.name())
                            .setParameter(4, now).executeUpdate())
                    .flatMap(inserted -> inserted == 1
                            ? outbox.add(EventType.WARNING_ACKNOWLEDGED, warning.subject(), new WarningAcknowledged(
                                    warning.id, warning.incidentId, warning.level, area, caller.name(), now))
                            .replaceWith(new Acknowledgement(area, caller.name(), now, true))
                            : first(warningId, area));
        });
    }

    /** Every acknowledgement of the warning, oldest first. */
    public Uni<List<Acknowledgement>> of(UUID warningId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT area_code, acknowledged_by, "
                        + "acknowledged_at FROM warning_acknowledgement WHERE warning_id = ?1 "
                        + "ORDER BY acknowledged_at, area_code", Object[].class)
                .setParameter(1, warningId).getResultList())
                .map(rows -> rows.stream().map(row -> new Acknowledgement((String) row[0], (String) row[1],
                        (OffsetDateTime) row[2], false)).toList());
    }

    private Uni<Acknowledgement> first(UUID warningId, String area) {
        return of(warningId).map(all -> all.stream().filter(a -> a.areaCode().equals(area)).findFirst()
                .orElseThrow(() -> new IllegalStateException("an acknowledgement neither made nor found")));
    }
}
