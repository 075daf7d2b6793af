package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Writes movements: each changes a lot's on-hand and adds the ledger row that says why, in the caller's transaction,
 * and marks the warehouse's stock as changed for the next announcement. On-hand is never set any other way, so the
 * ledger and the lots reconcile.
 */
@ApplicationScoped
public class Ledger {

    /** A movement of one lot, as the caller describes it. */
    public record Movement(LedgerEntry.Kind kind, int quantity, String reason, UUID allocationId) {
    }

    public Uni<LedgerEntry> record(Lot lot, Movement movement, UUID movementId, String by, OffsetDateTime at) {
        lot.onHand += movement.quantity();
        LedgerEntry entry = new LedgerEntry();
        entry.lotId = lot.id;
        entry.warehouseId = lot.warehouseId;
        entry.itemCode = lot.itemCode;
        entry.kind = movement.kind();
        entry.quantity = movement.quantity();
        entry.reason = movement.reason();
        entry.allocationId = movement.allocationId();
        entry.movementId = movementId;
        entry.recordedBy = by;
        entry.recordedAt = at;
        return entry.persist();
    }

    /** The warehouses' stock changed: the announcer publishes their levels after this commits. */
    public Uni<Void> changed(Collection<UUID> warehouseIds) {
        List<UUID> distinct = List.copyOf(new HashSet<>(warehouseIds));
        if (distinct.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO stock_change (warehouse_id) VALUES ");
        for (int i = 1; i <= distinct.size(); i++) {
            sql.append(i == 1 ? "" : ", ").append("(?").append(i).append(')');
        }
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery(sql.toString());
            for (int i = 0; i < distinct.size(); i++) {
                insert.setParameter(i + 1, distinct.get(i));
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    /** Lots whose on-hand is not the sum of their ledger rows; empty when the books are right. */
    public static Uni<List<Object[]>> mismatches() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT l.id, l.item_code, l.warehouse_id, l.on_hand, COALESCE(SUM(e.quantity), 0) AS ledger "
                        + "FROM lot l LEFT JOIN ledger_entry e ON e.lot_id = l.id "
                        + "GROUP BY l.id HAVING l.on_hand <> COALESCE(SUM(e.quantity), 0)", Object[].class)
                .getResultList());
    }
}
