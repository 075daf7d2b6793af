package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Stocked;
import cn.jinjiang.emergency.reserves.domain.allocation.RoundPlan.Planned;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A round's view of the lots: the free stock of every item it asks for, read once, and the reservation of what its
 * plans take, one statement for all the lots. Both run under the items' locks the round holds.
 */
final class FreeStock {

    private FreeStock() {
    }

    /** Free, unexpired stock of the items, read as plain values (nothing is locked or loaded into the session). */
    static Uni<List<Stocked>> read(Set<String> codes, LocalDate today) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT l.id, l.item_code, w.id, "
                                + "w.code, w.latitude, w.longitude, l.expires_on, l.received_at, l.on_hand - l.reserved, "
                                + "left(w.area_code, 6) "
                                + "FROM lot l JOIN warehouse w ON w.id = l.warehouse_id WHERE l.on_hand > l.reserved "
                                + "AND (l.expires_on IS NULL OR l.expires_on > ?1) "
                                + "AND l.item_code = ANY(CAST(?2 AS text[]))", Object[].class)
                        .setParameter(1, today).setParameter(2, codes.toArray(String[]::new)).getResultList())
                .map(rows -> rows.stream().map(row -> new Stocked((UUID) row[0], (String) row[1], (UUID) row[2],
                        (String) row[3], new GeoPoint(((Number) row[4]).doubleValue(),
                        ((Number) row[5]).doubleValue()), (LocalDate) row[6], (OffsetDateTime) row[7],
                        ((Number) row[8]).intValue(), (String) row[9])).toList());
    }

    /**
     * Locks the planned lots in id order (every mover of lots takes them in that order, so no deadlock) and reserves
     * what the round takes from each if it still has it free. Holding the items' locks alone, nobody else can have
     * taken it; the lot's constraints are a last line either way.
     */
    static Uni<Void> reserve(List<Planned> planned, LocalDate today, boolean alone) {
        TreeMap<UUID, Integer> wanted = new TreeMap<>();
        planned.forEach(p -> p.lines().forEach(line -> line.takes().forEach(take ->
                wanted.merge(take.lot().lotId(), take.quantity(), Integer::sum))));
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = wanted.keySet().toArray(UUID[]::new);
        Integer[] quantities = wanted.values().toArray(Integer[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT id FROM lot "
                        + "WHERE id = ANY(CAST(?1 AS uuid[])) ORDER BY id FOR UPDATE")
                .setParameter(1, ids).getResultList()
                .flatMap(locked -> session.createNativeQuery("UPDATE lot SET reserved = lot.reserved + v.quantity "
                                + "FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS integer[])) AS v(id, quantity) "
                                + "WHERE lot.id = v.id AND lot.on_hand - lot.reserved >= v.quantity "
                                + "AND (lot.expires_on IS NULL OR lot.expires_on > ?3)")
                        .setParameter(1, ids).setParameter(2, quantities).setParameter(3, today).executeUpdate())
        ).invoke(updated -> {
            if (updated != ids.length) {
                if (alone) {
                    throw new IllegalStateException("Lots changed under their items' locks");
                }
                throw new StockMoved((ids.length - updated) + " of " + ids.length
                        + " lots no longer have what the round planned to take");
            }
        }).replaceWithVoid();
    }
}
