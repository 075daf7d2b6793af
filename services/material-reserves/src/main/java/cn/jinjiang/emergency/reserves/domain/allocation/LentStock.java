package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.mutualaid.MutualAidRequest;
import cn.jinjiang.emergency.shared.contract.events.StockAidNotice;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What other bureaus still lend an incident, per lender and item: the quantities of their accepted mutual-aid
 * requests less what the incident's allocations already hold from their warehouses. An incident's allocations take
 * from its own bureau's warehouses first, then from a lender's as far as this allows. A round takes its own copy
 * ({@link #copy}) and draws it down as it plans.
 */
public final class LentStock {

    /** Nothing lent. */
    public static final LentStock NONE = new LentStock(Map.of());

    /** Lender jurisdiction → item code → quantity still lent. */
    private final Map<String, Map<String, Integer>> left;

    public LentStock(Map<String, Map<String, Integer>> left) {
        this.left = left;
    }

    public int left(String lender, String itemCode) {
        Map<String, Integer> items = left.get(lender);
        return items == null ? 0 : items.getOrDefault(itemCode, 0);
    }

    void take(String lender, String itemCode, int quantity) {
        left.get(lender).merge(itemCode, -quantity, Integer::sum);
    }

    /** A copy a plan may draw down. */
    LentStock copy() {
        if (left.isEmpty()) {
            return this;
        }
        Map<String, Map<String, Integer>> copy = new HashMap<>();
        left.forEach((lender, items) -> copy.put(lender, new HashMap<>(items)));
        return new LentStock(copy);
    }

    /**
     * What is lent to each of the incidents, read in the round's transaction with the accepted requests locked (in id
     * order), so that rounds on other instances planning for the same incident take the lent stock in turn.
     */
    static Uni<Map<UUID, LentStock>> read(Set<UUID> incidents) {
        UUID[] ids = incidents.stream().sorted().toArray(UUID[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT * FROM mutual_aid_request "
                                + "WHERE incident_id = ANY(CAST(?1 AS uuid[])) AND status = 'ACCEPTED' ORDER BY id "
                                + "FOR UPDATE", MutualAidRequest.class)
                        .setParameter(1, ids).getResultList()
                        .flatMap(accepted -> session.createNativeQuery("SELECT a.incident_id, left(w.area_code, 6), "
                                        + "p.item_code, sum(p.quantity) FROM allocation a "
                                        + "JOIN allocation_pick p ON p.allocation_id = a.id "
                                        + "JOIN warehouse w ON w.id = p.warehouse_id "
                                        + "WHERE a.incident_id = ANY(CAST(?1 AS uuid[])) "
                                        + "AND a.status IN ('RESERVED', 'DISPATCHED', 'DELIVERED') "
                                        + "GROUP BY 1, 2, 3", Object[].class)
                                .setParameter(1, ids).getResultList()
                                .map(held -> lent(accepted, held))));
    }

    private static Map<UUID, LentStock> lent(List<MutualAidRequest> accepted, List<Object[]> held) {
        Map<UUID, Map<String, Map<String, Integer>>> left = new HashMap<>();
        for (MutualAidRequest request : accepted) {
            Map<String, Integer> items = left.computeIfAbsent(request.incidentId, id -> new HashMap<>())
                    .computeIfAbsent(request.lendingJurisdiction, lender -> new HashMap<>());
            for (StockAidNotice.Line line : request.items()) {
                items.merge(line.itemCode(), line.quantity(), Integer::sum);
            }
        }
        for (Object[] row : held) {
            Map<String, Integer> items = left.getOrDefault((UUID) row[0], Map.of()).get((String) row[1]);
            if (items != null) {
                items.computeIfPresent((String) row[2], (item, lent) -> lent - ((Number) row[3]).intValue());
            }
        }
        Map<UUID, LentStock> lent = new HashMap<>();
        left.forEach((incident, lenders) -> lent.put(incident, new LentStock(lenders)));
        return lent;
    }
}
