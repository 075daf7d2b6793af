package cn.jinjiang.emergency.reserves.domain;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.AllocationPlanner.Need;
import cn.jinjiang.emergency.reserves.domain.AllocationPlanner.Stocked;
import cn.jinjiang.emergency.reserves.domain.AllocationPlanner.Take;
import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.problem.InvalidFieldException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reserves materials for an incident. It reads what is free, plans ({@link AllocationPlanner}), row-locks the chosen
 * lots in id order and, if each still has what the plan takes, raises their reserved quantity; if another allocation
 * took it first ({@link StockMoved}) the caller runs it again in a new transaction, planned from what is free then.
 * Allocations share their items' locks ({@link ItemLocks}) and so run side by side, meeting only on the lots they both
 * chose; an allocation that lost the race {@code optimisticAttempts} times holds its items' locks alone, and then its
 * plan cannot go stale. Of any number of concurrent allocations on any number of instances, the sum reserved never
 * exceeds the stock and no unit is promised twice. What cannot be covered, or cannot arrive within the relief target,
 * is on the sheet with the agreement reserves that could cover it, and announced.
 */
@ApplicationScoped
public class Allocating {

    private final Outbox outbox;
    private final Ledger ledger;
    private final Arrivals arrivals;
    private final AllocationSheets sheets;
    private final ReservesPolicy policy;
    private final Catalogue catalogue;

    public Allocating(Outbox outbox, Ledger ledger, Arrivals arrivals, AllocationSheets sheets,
            ReservesPolicy policy, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.ledger = ledger;
        this.arrivals = arrivals;
        this.sheets = sheets;
        this.policy = policy;
    }

    /** @param alone hold the items' locks alone: the plan is then sure to hold (the last attempt) */
    @WithTransaction
    public Uni<AllocationSheet> allocate(UUID incidentId, List<Need> needs, GeoPoint point, String note, String by,
            boolean alone) {
        if (needs.size() > policy.maxLinesPerAllocation()) {
            throw new InvalidFieldException("lines", "at most " + policy.maxLinesPerAllocation() + " items");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < needs.size(); i++) {
            if (!seen.add(needs.get(i).itemCode())) {
                throw new InvalidFieldException("lines[" + i + "].itemCode",
                        needs.get(i).itemCode() + " is named twice");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> codes = needs.stream().map(Need::itemCode).toList();
        return catalogue.check(codes, i -> "lines[" + i + "].itemCode")
                .flatMap(checked -> openIncident(incidentId))
                .flatMap(incident -> (alone ? ItemLocks.lock(codes) : ItemLocks.share(codes))
                        .flatMap(locked -> freeStock(codes, now.toLocalDate()))
                        .flatMap(stock -> reserve(AllocationPlanner.plan(needs, stock, point), now.toLocalDate(),
                                alone))
                        .flatMap(lines -> record(incident, lines, point, note, by, now)));
    }

    /** What an allocation needs of its incident. */
    private record OpenIncident(UUID id, OffsetDateTime occurredAt) {
    }

    private static Uni<OpenIncident> openIncident(UUID id) {
        // Share-locked so that a closing from incident-events waits for this allocation rather than crossing it.
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT status, occurred_at FROM incident WHERE id = ?1 FOR SHARE", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFoundException("No incident " + id + " is known here");
                    }
                    String status = (String) rows.get(0)[0];
                    if (!Incident.Status.OPEN.name().equals(status)) {
                        throw new ClientErrorException("Incident " + id + " is " + status
                                + "; materials are allocated to open incidents only", Response.Status.CONFLICT);
                    }
                    return new OpenIncident(id, (OffsetDateTime) rows.get(0)[1]);
                });
    }

    /** Free, unexpired stock of the items, read as plain values (nothing is locked or loaded into the session). */
    private static Uni<List<Stocked>> freeStock(List<String> codes, LocalDate today) {
        StringBuilder sql = new StringBuilder("SELECT l.id, l.item_code, w.id, w.code, w.latitude, w.longitude, "
                + "l.expires_on, l.received_at, l.on_hand - l.reserved FROM lot l JOIN warehouse w "
                + "ON w.id = l.warehouse_id WHERE l.on_hand > l.reserved "
                + "AND (l.expires_on IS NULL OR l.expires_on > ?1) AND l.item_code IN (");
        for (int i = 0; i < codes.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        sql.append(')');
        return Panache.getSession().flatMap(session -> {
                    var select = session.createNativeQuery(sql.toString(), Object[].class).setParameter(1, today);
                    for (int i = 0; i < codes.size(); i++) {
                        select.setParameter(i + 2, codes.get(i));
                    }
                    return select.getResultList();
                })
                .map(rows -> rows.stream().map(row -> new Stocked((UUID) row[0], (String) row[1], (UUID) row[2],
                        (String) row[3], new GeoPoint(((Number) row[4]).doubleValue(),
                        ((Number) row[5]).doubleValue()), (LocalDate) row[6], (OffsetDateTime) row[7],
                        ((Number) row[8]).intValue())).toList());
    }

    /**
     * Locks the planned lots in id order (every mover of lots takes them in that order, so no deadlock) and reserves
     * from them if each still has what the plan takes. Holding the items' locks alone, nobody else can have taken it;
     * the lot's constraints are a last line either way.
     */
    private static Uni<List<AllocationPlanner.Line>> reserve(List<AllocationPlanner.Line> lines, LocalDate today,
            boolean alone) {
        Map<UUID, Integer> wanted = lines.stream().flatMap(line -> line.takes().stream())
                .collect(Collectors.toMap(take -> take.lot().lotId(), Take::quantity, Integer::sum));
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(lines);
        }
        // One conditional update per lot: it waits for any other holder of the row, then re-checks what is free.
        return Panache.getSession().flatMap(session -> Multi.createFrom().iterable(new TreeSet<>(wanted.keySet()))
                .onItem().transformToUniAndConcatenate(id -> session.createNativeQuery(
                                "UPDATE lot SET reserved = reserved + ?1 WHERE id = ?2 AND on_hand - reserved >= ?1 "
                                        + "AND (expires_on IS NULL OR expires_on > ?3)")
                        .setParameter(1, wanted.get(id)).setParameter(2, id).setParameter(3, today)
                        .executeUpdate()
                        .invoke(updated -> {
                            if (updated == 0) {
                                throw alone ? new IllegalStateException("Lot " + id + " changed under its item's lock")
                                        : new StockMoved("Lot " + id + " no longer has " + wanted.get(id) + " free");
                            }
                        }))
                .collect().last())
                .replaceWith(lines);
    }

    private Uni<AllocationSheet> record(OpenIncident incident, List<AllocationPlanner.Line> planned, GeoPoint point,
            String note, String by, OffsetDateTime now) {
        Allocation allocation = new Allocation();
        allocation.id = UUID.randomUUID();
        allocation.incidentId = incident.id();
        boolean anything = planned.stream().anyMatch(line -> line.reserved() > 0);
        allocation.status = anything ? Status.RESERVED : Status.UNFILLED;
        allocation.deliveryLatitude = point.latitude();
        allocation.deliveryLongitude = point.longitude();
        allocation.deliveryNote = note;
        allocation.reliefDueAt = incident.occurredAt().plus(policy.reliefTarget());
        allocation.requestedBy = by;
        allocation.createdAt = now;
        allocation.updatedAt = now;
        allocation.updatedBy = by;

        List<AllocationLine> lines = new ArrayList<>();
        List<AllocationPick> picks = new ArrayList<>();
        List<AllocationSheets.PickRow> rows = new ArrayList<>();
        for (AllocationPlanner.Line line : planned) {
            lines.add(AllocationLine.of(allocation.id, line.need().itemCode(), line.need().quantity(),
                    line.reserved()));
            for (Take take : line.takes()) {
                AllocationPick pick = new AllocationPick();
                pick.id = UUID.randomUUID();
                pick.allocationId = allocation.id;
                pick.itemCode = take.lot().itemCode();
                pick.lotId = take.lot().lotId();
                pick.warehouseId = take.lot().warehouseId();
                pick.quantity = take.quantity();
                pick.distanceKm = take.km();
                pick.arrivesAt = arrivals.fromWarehouse(take.km(), now);
                picks.add(pick);
                rows.add(new AllocationSheets.PickRow(allocation.id, pick.itemCode, pick.warehouseId,
                        take.lot().warehouseCode(), pick.lotId, take.lot().expiresOn(), pick.quantity,
                        pick.distanceKm, pick.arrivesAt));
            }
        }
        return allocation.<Allocation>persist()
                .flatMap(ignored -> Multi.createFrom().iterable(lines).onItem()
                        .transformToUniAndConcatenate(line -> line.<AllocationLine>persist()).collect().last())
                .flatMap(ignored -> Multi.createFrom().iterable(picks).onItem()
                        .transformToUniAndConcatenate(pick -> pick.<AllocationPick>persist()).collect().last())
                .flatMap(ignored -> AllocationSheets.options(planned.stream().filter(l -> l.uncovered() > 0
                                || l.takes().stream().anyMatch(t -> arrivals.fromWarehouse(t.km(), now)
                                .isAfter(allocation.reliefDueAt)))
                        .map(l -> l.need().itemCode()).toList()))
                .map(agreements -> sheets.sheet(allocation, lines, rows.stream()
                        .sorted(Comparator.comparingDouble(AllocationSheets.PickRow::distanceKm)).toList(), agreements))
                .call(sheet -> outbox.add(EventType.RESERVE_ALLOCATED, incident.id(), sheet.notice()))
                .call(sheet -> sheet.isShort()
                        ? outbox.add(EventType.RESERVE_ALLOCATION_SHORTFALL, incident.id(), sheet.shortfall())
                        : Uni.createFrom().voidItem())
                .call(sheet -> ledger.changed(picks.stream().map(pick -> pick.warehouseId).toList()));
    }
}
