package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What is where: stock by warehouse and item, read straight from the lots. Expired stock is on hand, never free. */
public final class StockQueries {

    private StockQueries() {
    }

    /** An item's stock in one warehouse: sums over lots, which can pass an int's range. */
    public record Holding(UUID warehouseId, String warehouseCode, String warehouseName, String level, String areaCode,
                          double latitude, double longitude, String itemCode, long onHand, long reserved, long free,
                          long expired) {
    }

    private static final String HOLDINGS = "SELECT w.id, w.code, w.name, w.level, w.area_code, w.latitude, "
            + "w.longitude, l.item_code, SUM(l.on_hand), SUM(l.reserved), "
            + "SUM(CASE WHEN l.expires_on IS NULL OR l.expires_on > ?1 THEN l.on_hand - l.reserved ELSE 0 END), "
            + "SUM(CASE WHEN l.expires_on IS NULL OR l.expires_on > ?1 THEN 0 ELSE l.on_hand END) "
            + "FROM lot l JOIN warehouse w ON w.id = l.warehouse_id ";

    /** Every warehouse holding the item (on hand, even if all of it is promised), most free first. */
    public static Uni<List<Holding>> ofItem(String itemCode, LocalDate today) {
        return holdings(HOLDINGS + "WHERE l.item_code = ?2 GROUP BY w.id, l.item_code HAVING SUM(l.on_hand) > 0 "
                + "ORDER BY 11 DESC, w.code", itemCode, today);
    }

    public static Uni<List<Holding>> ofWarehouse(UUID warehouseId, LocalDate today) {
        return holdings(HOLDINGS + "WHERE w.id = ?2 GROUP BY w.id, l.item_code ORDER BY l.item_code", warehouseId,
                today);
    }

    /** @param today the bureaus' date: a lot expiring today is no longer free */
    private static Uni<List<Holding>> holdings(String sql, Object parameter, LocalDate today) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter(1, today).setParameter(2, parameter).getResultList())
                .map(rows -> rows.stream().map(row -> new Holding((UUID) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4], ((Number) row[5]).doubleValue(),
                        ((Number) row[6]).doubleValue(), (String) row[7], StockAnnouncements.number(row[8]),
                        StockAnnouncements.number(row[9]), StockAnnouncements.number(row[10]),
                        StockAnnouncements.number(row[11]))).toList());
    }

    public static Uni<List<Lot>> lots(UUID warehouseId) {
        return Lot.list("warehouseId = ?1 and onHand > 0 order by itemCode, expiresOn nulls last, receivedAt",
                warehouseId);
    }

    public static Uni<List<LedgerEntry>> ledger(UUID warehouseId, int page, int size) {
        return LedgerEntry.<LedgerEntry>find("warehouseId = ?1 order by id desc", warehouseId)
                .page(page, size).list();
    }
}
