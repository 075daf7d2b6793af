package cn.jinjiang.emergency.reserves.domain.stock;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.ExpiryApproaching;
import cn.jinjiang.emergency.shared.outbox.Outbox;
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

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Rotation (轮换): lots expiring inside the window go out first (allocation is first-expiry-first-out) or are rotated;
 * a pass every {@code emergency.reserves.rotation-check-every} announces each such lot once
 * (reserve.expiry-approaching). Expired lots stay on the books until written off but are never allocated.
 */
@ApplicationScoped
public class Rotation {

    private final Outbox outbox;
    private final ReservesPolicy policy;
    private final PeriodicPass pass;
    private final BureauCalendar calendar;

    public Rotation(Outbox outbox, ReservesPolicy policy, OutboxCommits commits, Vertx vertx,
            BureauCalendar calendar) {
        this.outbox = outbox;
        this.policy = policy;
        this.calendar = calendar;
        this.pass = new PeriodicPass("Lots announced for rotation", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.rotationCheckEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** A lot due for rotation, with its warehouse. */
    public record Due(UUID lotId, UUID warehouseId, String warehouseCode, String itemCode, int onHand, int reserved,
                      LocalDate expiresOn, long daysLeft, boolean expired) {
    }

    public LocalDate horizon(LocalDate today) {
        return today.plusDays(policy.rotationWindow().toDays());
    }

    /** Lots with stock expiring by the end of the window (or already expired), soonest first. */
    public Uni<List<Due>> due(String itemCode, UUID warehouseId, int offset, int limit) {
        LocalDate today = calendar.today();
        String query = "select l.id, w.id, w.code, l.itemCode, l.onHand, l.reserved, l.expiresOn from Lot l, "
                + "Warehouse w where w.id = l.warehouseId and l.onHand > 0 and l.expiresOn <= :horizon"
                + (itemCode == null ? "" : " and l.itemCode = :item")
                + (warehouseId == null ? "" : " and w.id = :warehouse")
                + " order by l.expiresOn, w.code, l.id";
        return Panache.getSession().flatMap(session -> {
                    var select = session.createSelectionQuery(query, Object[].class)
                            .setParameter("horizon", horizon(today));
                    if (itemCode != null) {
                        select.setParameter("item", itemCode);
                    }
                    if (warehouseId != null) {
                        select.setParameter("warehouse", warehouseId);
                    }
                    return select.setFirstResult(offset).setMaxResults(limit).getResultList();
                })
                .map(rows -> rows.stream().map(row -> due(row, today)).toList());
    }

    /** One pass, in the caller's transaction: lots newly inside the window are announced, once each. */
    public Uni<Integer> announce() {
        OffsetDateTime now = calendar.now();
        LocalDate today = calendar.dateOf(now);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO expiry_notice (lot_id, announced_at) SELECT l.id, ?2 FROM lot l "
                                + "WHERE l.on_hand > 0 AND l.expires_on <= ?1 AND NOT EXISTS (SELECT 1 FROM expiry_notice n "
                                + "WHERE n.lot_id = l.id) ON CONFLICT DO NOTHING RETURNING lot_id", UUID.class)
                .setParameter(1, horizon(today)).setParameter(2, now)
                .getResultList()
                .flatMap(lots -> lots.isEmpty() ? Uni.createFrom().item(0) : session.createSelectionQuery(
                                "select l.id, w.id, w.code, l.itemCode, l.onHand, l.reserved, l.expiresOn from Lot l, "
                                        + "Warehouse w where w.id = l.warehouseId and l.id in ?1", Object[].class)
                        .setParameter(1, lots).getResultList()
                        .flatMap(rows -> Multi.createFrom().iterable(rows).map(row -> due(row, today))
                                .onItem().transformToUniAndConcatenate(due -> outbox.add(
                                        EventType.RESERVE_EXPIRY_APPROACHING, due.warehouseId(),
                                        new ExpiryApproaching(due.lotId(), due.warehouseId(), due.warehouseCode(),
                                                due.itemCode(), due.onHand(), due.expiresOn(), due.daysLeft(), now)))
                                .collect().asList().map(List::size))));
    }

    private static Due due(Object[] row, LocalDate today) {
        LocalDate expires = (LocalDate) row[6];
        return new Due((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (Integer) row[4],
                (Integer) row[5], expires, ChronoUnit.DAYS.between(today, expires), !expires.isAfter(today));
    }
}
