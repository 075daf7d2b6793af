package cn.jinjiang.emergency.reserves.domain.donation;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger.Movement;
import cn.jinjiang.emergency.reserves.domain.stock.LedgerEntry;
import cn.jinjiang.emergency.reserves.domain.stock.Lot;
import cn.jinjiang.emergency.reserves.domain.stock.StockMovements;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Donations (捐赠): each is received into a warehouse as lots of source DONATION (a receipt in the ledger), so donated
 * stock is allocated, rotated and accounted for like any other, and traceable to the donation through its lots.
 */
@ApplicationScoped
public class Donations {

    private final Ledger ledger;
    private final BureauCalendar calendar;

    public Donations(Ledger ledger, BureauCalendar calendar) {
        this.ledger = ledger;
        this.calendar = calendar;
    }

    public record Given(String itemCode, int quantity, LocalDate expiresOn) {
    }

    public record Received(Donation donation, List<DonationLine> lines) {
    }

    /**
     * Totals for the public, from structured fields only: counts, by item, and by warehouse (with its area) and item.
     * No donor is named, and nothing a keeper typed as free text (purpose, donor name or contact) is shown: such text
     * can name a donor or carry a phone number, and the summary is open to every role.
     */
    public record Summary(int donations, int organisations, int individuals, List<ItemTotal> items,
                          List<WarehouseTotal> warehouses) {
    }

    public record ItemTotal(String itemCode, String name, String unit, long donated, long onHand, long issued) {
    }

    /** What one warehouse received in donations, by item. */
    public record WarehouseTotal(UUID warehouseId, String warehouseCode, String name, String areaCode,
                                 List<WarehouseItem> items) {
    }

    public record WarehouseItem(String itemCode, String unit, long donated) {
    }

    @WithTransaction
    public Uni<Received> record(Donation donation, List<Given> given) {
        OffsetDateTime now = calendar.now();
        donation.id = UUID.randomUUID();
        donation.receivedAt = now;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            if (!seen.add(given.get(i).itemCode())) {
                throw new InvalidFieldException("items[" + i + "].itemCode", given.get(i).itemCode()
                        + " is named twice");
            }
        }
        return StockMovements.warehouse(donation.warehouseId)
                .flatMap(warehouse -> StockMovements.items(given.stream().map(Given::itemCode).toList(),
                        i -> "items[" + i + "].itemCode"))
                .flatMap(items -> {
                    List<Lot> lots = new ArrayList<>();
                    for (int i = 0; i < given.size(); i++) {
                        LocalDate expires = StockMovements.expiry(items.get(given.get(i).itemCode()),
                                given.get(i).expiresOn(), calendar.dateOf(now), "items[" + i + "].expiresOn");
                        lots.add(Lot.received(donation.warehouseId, given.get(i).itemCode(), Lot.Source.DONATION, now,
                                expires, donation.id));
                    }
                    return donation.persist().flatMap(ignored -> Multi.createFrom().range(0, given.size())
                            .onItem().transformToUniAndConcatenate(i -> {
                                Lot lot = lots.get(i);
                                DonationLine line = new DonationLine();
                                line.id = UUID.randomUUID();
                                line.donationId = donation.id;
                                line.itemCode = lot.itemCode;
                                line.quantity = given.get(i).quantity();
                                line.lotId = lot.id;
                                return lot.persist()
                                        .flatMap(saved -> ledger.record(lot, new Movement(LedgerEntry.Kind.RECEIPT,
                                                line.quantity, "Donation " + donation.id, null), donation.id,
                                                donation.receivedBy, now))
                                        .flatMap(entry -> line.<DonationLine>persist());
                            })
                            .collect().asList())
                            .call(() -> ledger.changed(List.of(donation.warehouseId)))
                            .map(lines -> new Received(donation, lines));
                });
    }

    public static Uni<Summary> summary() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT count(*), count(*) FILTER (WHERE donor_kind = 'ORGANISATION'), "
                                + "count(*) FILTER (WHERE donor_kind = 'INDIVIDUAL') FROM donation", Object[].class)
                .getSingleResult()
                .flatMap(counts -> session.createNativeQuery(
                                "SELECT d.item_code, i.name, i.unit, SUM(d.quantity), "
                                        + "(SELECT COALESCE(SUM(l.on_hand), 0) FROM lot l WHERE l.donation_id IS NOT NULL "
                                        + "AND l.item_code = d.item_code) FROM donation_line d JOIN item i "
                                        + "ON i.code = d.item_code GROUP BY d.item_code, i.name, i.unit "
                                        + "ORDER BY d.item_code", Object[].class)
                        .getResultList()
                        .flatMap(items -> session.createNativeQuery(
                                        "SELECT w.id, w.code, w.name, w.area_code, l.item_code, i.unit, SUM(l.quantity) "
                                                + "FROM donation d JOIN donation_line l ON l.donation_id = d.id "
                                                + "JOIN warehouse w ON w.id = d.warehouse_id "
                                                + "JOIN item i ON i.code = l.item_code "
                                                + "GROUP BY w.id, w.code, w.name, w.area_code, l.item_code, i.unit "
                                                + "ORDER BY w.code, l.item_code", Object[].class)
                                .getResultList()
                                .map(byWarehouse -> new Summary(number(counts[0]), number(counts[1]),
                                        number(counts[2]), items.stream().map(row -> {
                                            long donated = ((Number) row[3]).longValue();
                                            long onHand = ((Number) row[4]).longValue();
                                            return new ItemTotal((String) row[0], (String) row[1], (String) row[2],
                                                    donated, onHand, Math.max(0, donated - onHand));
                                        }).toList(), warehouses(byWarehouse))))));
    }

    /** Rows ordered by warehouse then item, gathered per warehouse. */
    private static List<WarehouseTotal> warehouses(List<Object[]> rows) {
        Map<UUID, WarehouseTotal> totals = new LinkedHashMap<>();
        for (Object[] row : rows) {
            totals.computeIfAbsent((UUID) row[0], id -> new WarehouseTotal(id, (String) row[1], (String) row[2],
                            (String) row[3], new ArrayList<>()))
                    .items().add(new WarehouseItem((String) row[4], (String) row[5], ((Number) row[6]).longValue()));
        }
        return totals.values().stream().map(total -> new WarehouseTotal(total.warehouseId(), total.warehouseCode(),
                total.name(), total.areaCode(), List.copyOf(total.items()))).toList();
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }
}
