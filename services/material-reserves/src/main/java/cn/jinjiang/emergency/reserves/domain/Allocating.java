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
import jakarta.persistence.LockModeType;
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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reserves materials for an incident. Under the items' locks ({@link ItemLocks}) it reads what is free, plans
 * ({@link AllocationPlanner}), row-locks the chosen lots in id order and raises their reserved quantity: of any number
 * of concurrent allocations on any number of instances, each sees what the previous ones left, so the sum reserved
 * never exceeds the stock, and no unit of stock is promised twice. What cannot be covered, or cannot arrive within the
 * relief target, is on the sheet with the agreement reserves that could cover it, and announced.
 */
@ApplicationScoped
public class Allocating {

    private final Outbox outbox;
    private final Ledger ledger;
    private final Arrivals arrivals;
    private final AllocationSheets sheets;
    private final ReservesPolicy policy;

    public Allocating(Outbox outbox, Ledger ledger, Arrivals arrivals, AllocationSheets sheets,
            ReservesPolicy policy) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.arrivals = arrivals;
        this.sheets = sheets;
        this.policy = policy;
    }

    @WithTransaction
    public Uni<AllocationSheet> allocate(UUID incidentId, List<Need> needs, GeoPoint point, String note, String by) {
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
        return openIncident(incidentId)
                .flatMap(incident -> StockMovements.items(codes, i -> "lines[" + i + "].itemCode")
                        .flatMap(items -> ItemLocks.lock(codes))
                        .flatMap(locked -> freeStock(codes, now.toLocalDate()))
                        .flatMap(stock -> reserve(AllocationPlanner.plan(needs, stock, point), now.toLocalDate()))
                        .flatMap(lines -> record(incident, lines, point, note, by, now)));
    }

    private static Uni<Incident> openIncident(UUID id) {
        // Share-locked so that a closing from incident-events waits for this allocation rather than crossing it.
        return Incident.<Incident>findById(id, LockModeType.PESSIMISTIC_READ).flatMap(incident -> {
            if (incident == null) {
                return Uni.createFrom().failure(new NotFoundException("No incident " + id + " is known here"));
            }
            if (incident.status != Incident.Status.OPEN) {
                return Uni.createFrom().failure(new ClientErrorException("Incident " + id + " is " + incident.status
                        + "; materials are allocated to open incidents only", Response.Status.CONFLICT));
            }
            return Uni.createFrom().item(incident);
        });
    }

    /** Free, unexpired stock of the items, read as plain values (the lots are locked and loaded only once chosen). */
    private static Uni<List<Stocked>> freeStock(List<String> codes, LocalDate today) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select l.id, l.itemCode, w.id, w.code, w.latitude, w.longitude, l.expiresOn, l.receivedAt, "
                                + "l.onHand - l.reserved from Lot l, Warehouse w where w.id = l.warehouseId "
                                + "and l.itemCode in ?1 and l.onHand > l.reserved "
                                + "and (l.expiresOn is null or l.expiresOn > ?2)", Object[].class)
                .setParameter(1, codes).setParameter(2, today).getResultList())
                .map(rows -> rows.stream().map(row -> new Stocked((UUID) row[0], (String) row[1], (UUID) row[2],
                        (String) row[3], new GeoPoint((Double) row[4], (Double) row[5]), (LocalDate) row[6],
                        (OffsetDateTime) row[7], (Integer) row[8])).toList());
    }

    /**
     * Locks the planned lots in id order and reserves from them. Only takers holding the items' locks lower free
     * stock, so the plan still holds; the check is a guard, and the lot's constraints a last one.
     */
    private static Uni<List<AllocationPlanner.Line>> reserve(List<AllocationPlanner.Line> lines, LocalDate today) {
        Map<UUID, Integer> wanted = lines.stream().flatMap(line -> line.takes().stream())
                .collect(Collectors.toMap(take -> take.lot().lotId(), Take::quantity, Integer::sum));
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(lines);
        }
        return Lot.<Lot>find("id in ?1 order by id", wanted.keySet()).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(lots -> {
                    for (Lot lot : lots) {
                        int quantity = wanted.get(lot.id);
                        if (lot.free(today) < quantity) {
                            throw new IllegalStateException("Lot " + lot.id + " changed under its item's lock");
                        }
                        lot.reserved += quantity;
                    }
                    return lines;
                });
    }

    private Uni<AllocationSheet> record(Incident incident, List<AllocationPlanner.Line> planned, GeoPoint point,
            String note, String by, OffsetDateTime now) {
        Allocation allocation = new Allocation();
        allocation.id = UUID.randomUUID();
        allocation.incidentId = incident.id;
        boolean anything = planned.stream().anyMatch(line -> line.reserved() > 0);
        allocation.status = anything ? Status.RESERVED : Status.UNFILLED;
        allocation.deliveryLatitude = point.latitude();
        allocation.deliveryLongitude = point.longitude();
        allocation.deliveryNote = note;
        allocation.reliefDueAt = incident.occurredAt.plus(policy.reliefTarget());
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
                .flatMap(ignored -> AllocationSheets.options(planned.stream().map(l -> l.need().itemCode()).toList()))
                .map(agreements -> sheets.sheet(allocation, lines, rows.stream()
                        .sorted(Comparator.comparingDouble(AllocationSheets.PickRow::distanceKm)).toList(), agreements))
                .call(sheet -> outbox.add(EventType.RESERVE_ALLOCATED, incident.id, sheet.notice()))
                .call(sheet -> sheet.isShort()
                        ? outbox.add(EventType.RESERVE_ALLOCATION_SHORTFALL, incident.id, sheet.shortfall())
                        : Uni.createFrom().voidItem())
                .call(sheet -> ledger.changed(picks.stream().map(pick -> pick.warehouseId).toList()));
    }
}
