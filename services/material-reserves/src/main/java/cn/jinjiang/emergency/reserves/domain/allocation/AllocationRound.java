package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Need;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Stocked;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Take;
import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.reserves.domain.stock.ItemLocks;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests.Claim;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.persistence.RowInsert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * One transaction that makes a round of allocations. It takes the items' locks (shared with other rounds, or alone on
 * the last attempt: {@link ItemLocks}), reads the incidents and the free stock of every item asked for once, plans the
 * allocations one after the other in arrival order, each from what the earlier ones left ({@link AllocationPlanner}),
 * then row-locks every chosen lot in id order and raises its reserved quantity if it still has what the round takes.
 * If a round on another instance took it first ({@link StockMoved}) the whole round is rolled back and planned again.
 * An allocation that fails on its own (unknown or closed incident, an idempotency key used for another request) is
 * answered so and leaves the others alone.
 */
@ApplicationScoped
public class AllocationRound {

    /** An allocation asked for, with the answer to give once it is made. */
    public record Asked(UUID incidentId, List<Need> needs, GeoPoint point, String note, String by, Claim claim,
                        Function<AllocationSheet, Replay> answer) {
    }

    /** What one asked allocation got: an answer, or a failure of its own. */
    public record Outcome(Replay answer, RuntimeException failure) {
        static Outcome failed(RuntimeException failure) {
            return new Outcome(null, failure);
        }
    }

    private final Outbox outbox;
    private final Ledger ledger;
    private final Arrivals arrivals;
    private final AllocationSheets sheets;
    private final ReservesPolicy policy;
    private final IdempotentRequests requests;

    public AllocationRound(Outbox outbox, Ledger ledger, Arrivals arrivals, AllocationSheets sheets,
            ReservesPolicy policy, IdempotentRequests requests) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.arrivals = arrivals;
        this.sheets = sheets;
        this.policy = policy;
        this.requests = requests;
    }

    /**
     * Runs inside the caller's transaction; the outcomes are in the order asked.
     *
     * @param alone hold the items' locks alone: the plans are then sure to hold (the last attempt)
     */
    public Uni<List<Outcome>> make(List<Asked> round, boolean alone) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        Set<String> codes = new LinkedHashSet<>();
        round.forEach(asked -> asked.needs().forEach(need -> codes.add(need.itemCode())));
        Outcome[] outcomes = new Outcome[round.size()];
        return (alone ? ItemLocks.lock(codes) : ItemLocks.share(codes))
                .flatMap(locked -> openIncidents(round))
                .flatMap(incidents -> answeredBefore(round, outcomes).replaceWith(incidents))
                .flatMap(incidents -> freeStock(codes, today).flatMap(stock -> {
                    List<Planned> planned = plan(round, incidents, stock, outcomes);
                    return reserve(planned, today, alone)
                            .flatMap(reserved -> record(planned, now))
                            .invoke(made -> made.forEach((index, answer) -> outcomes[index] = new Outcome(answer,
                                    null)));
                }))
                .map(done -> List.of(outcomes));
    }

    /** The incident of each allocation asked for, if known here: status and when it happened. */
    private record IncidentRow(String status, OffsetDateTime occurredAt) {
    }

    private static Uni<Map<UUID, IncidentRow>> openIncidents(List<Asked> round) {
        UUID[] ids = round.stream().map(Asked::incidentId).distinct().sorted().toArray(UUID[]::new);
        // Share-locked in id order so that a closing from incident-events waits for the round rather than crossing it.
        // One statement text whatever the round's size: prepared once, planned once.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT id, status, occurred_at "
                        + "FROM incident WHERE id = ANY(CAST(?1 AS uuid[])) ORDER BY id FOR SHARE", Object[].class)
                .setParameter(1, ids).getResultList())
                .map(rows -> {
                    Map<UUID, IncidentRow> incidents = new HashMap<>();
                    rows.forEach(row -> incidents.put((UUID) row[0], new IncidentRow((String) row[1],
                            (OffsetDateTime) row[2])));
                    return incidents;
                });
    }

    /** Allocations sent again under a key already answered get that answer, and are not made again. */
    private Uni<Void> answeredBefore(List<Asked> round, Outcome[] outcomes) {
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            if (round.get(i).claim() != null) {
                keyed.add(i);
            }
        }
        if (keyed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(keyed).onItem().transformToUniAndConcatenate(index ->
                        requests.answered(round.get(index).claim())
                                .invoke(found -> {
                                    if (found != null) {
                                        outcomes[index] = new Outcome(found, null);
                                    }
                                })
                                .onFailure(RuntimeException.class).recoverWithItem(failure -> {
                                    outcomes[index] = Outcome.failed((RuntimeException) failure);
                                    return null;
                                }))
                .collect().last().replaceWithVoid();
    }

    /** Free, unexpired stock of the items, read as plain values (nothing is locked or loaded into the session). */
    private static Uni<List<Stocked>> freeStock(Set<String> codes, LocalDate today) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT l.id, l.item_code, w.id, "
                                + "w.code, w.latitude, w.longitude, l.expires_on, l.received_at, l.on_hand - l.reserved "
                                + "FROM lot l JOIN warehouse w ON w.id = l.warehouse_id WHERE l.on_hand > l.reserved "
                                + "AND (l.expires_on IS NULL OR l.expires_on > ?1) "
                                + "AND l.item_code = ANY(CAST(?2 AS text[]))", Object[].class)
                        .setParameter(1, today).setParameter(2, codes.toArray(String[]::new)).getResultList())
                .map(rows -> rows.stream().map(row -> new Stocked((UUID) row[0], (String) row[1], (UUID) row[2],
                        (String) row[3], new GeoPoint(((Number) row[4]).doubleValue(),
                        ((Number) row[5]).doubleValue()), (LocalDate) row[6], (OffsetDateTime) row[7],
                        ((Number) row[8]).intValue())).toList());
    }

    /** An allocation planned in this round, with its place among those asked. */
    private record Planned(int index, Asked asked, UUID incidentId, OffsetDateTime occurredAt,
                           List<AllocationPlanner.Line> lines) {
    }

    /** Plans each allocation still to be made, in the order asked, from what those before it left free. */
    private static List<Planned> plan(List<Asked> round, Map<UUID, IncidentRow> incidents, List<Stocked> stock,
            Outcome[] outcomes) {
        Map<UUID, Integer> taken = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            Asked asked = round.get(i);
            IncidentRow incident = incidents.get(asked.incidentId());
            if (incident == null) {
                outcomes[i] = Outcome.failed(new NotFound("No incident " + asked.incidentId()
                        + " is known here"));
                continue;
            }
            if (!Incident.Status.OPEN.name().equals(incident.status())) {
                outcomes[i] = Outcome.failed(new Conflict("Incident " + asked.incidentId() + " is "
                        + incident.status() + "; materials are allocated to open incidents only"));
                continue;
            }
            List<Stocked> left = taken.isEmpty() ? stock
                    : stock.stream().map(lot -> lot.less(taken.getOrDefault(lot.lotId(), 0))).toList();
            List<AllocationPlanner.Line> lines = AllocationPlanner.plan(asked.needs(), left, asked.point());
            lines.forEach(line -> line.takes().forEach(take ->
                    taken.merge(take.lot().lotId(), take.quantity(), Integer::sum)));
            planned.add(new Planned(i, asked, asked.incidentId(), incident.occurredAt(), lines));
        }
        return planned;
    }

    /**
     * Locks the planned lots in id order (every mover of lots takes them in that order, so no deadlock) and reserves
     * what the round takes from each if it still has it free. Holding the items' locks alone, nobody else can have
     * taken it; the lot's constraints are a last line either way.
     */
    private static Uni<Void> reserve(List<Planned> planned, LocalDate today, boolean alone) {
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

    /** Stores the round's allocations, their events and their answers; the answers by place among those asked. */
    private Uni<Map<Integer, Replay>> record(List<Planned> planned, OffsetDateTime now) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> shortItems = new ArrayList<>();
        List<UUID> warehouses = new ArrayList<>();
        List<Made> made = new ArrayList<>();
        for (Planned p : planned) {
            Made m = made(p, now);
            made.add(m);
            m.picks().forEach(pick -> warehouses.add(pick.warehouseId));
            p.lines().stream().filter(l -> l.uncovered() > 0 || l.takes().stream()
                            .anyMatch(t -> arrivals.fromWarehouse(t.km(), now).isAfter(m.allocation().reliefDueAt)))
                    .forEach(l -> shortItems.add(l.need().itemCode()));
        }
        Map<Integer, Replay> answers = new HashMap<>();
        List<Outbox.Pending> events = new ArrayList<>();
        return rows(made).flatMap(inserted -> AllocationSheets.options(shortItems))
                .flatMap(agreements -> {
                    List<Claim> claims = new ArrayList<>();
                    List<Replay> claimed = new ArrayList<>();
                    for (Made m : made) {
                        AllocationSheet sheet = sheets.sheet(m.allocation(), m.lines(), m.rows(), agreements);
                        Replay answer = m.planned().asked().answer().apply(sheet);
                        answers.put(m.planned().index(), answer);
                        events.add(new Outbox.Pending(EventType.RESERVE_ALLOCATED, m.planned().incidentId(),
                                sheet.notice()));
                        if (sheet.isShort()) {
                            events.add(new Outbox.Pending(EventType.RESERVE_ALLOCATION_SHORTFALL,
                                    m.planned().incidentId(), sheet.shortfall()));
                        }
                        if (m.planned().asked().claim() != null) {
                            claims.add(m.planned().asked().claim());
                            claimed.add(answer);
                        }
                    }
                    Uni<Void> keeping = Uni.createFrom().voidItem();
                    for (int i = 0; i < claims.size(); i++) {
                        Claim claim = claims.get(i);
                        Replay answer = claimed.get(i);
                        keeping = keeping.call(() -> requests.keep(claim, answer));
                    }
                    return outbox.addAll(events).replaceWith(keeping);
                })
                .call(done -> ledger.changed(warehouses))
                .replaceWith(answers);
    }

    /** The round's allocations, lines and picks, one statement per table (parents first). */
    private static Uni<Void> rows(List<Made> made) {
        RowInsert allocations = RowInsert.into("allocation", "id:uuid", "incident_id:uuid", "status:text",
                "delivery_latitude:double precision", "delivery_longitude:double precision", "delivery_note:text",
                "relief_due_at:timestamptz", "requested_by:text", "created_at:timestamptz", "updated_at:timestamptz",
                "updated_by:text", "version:bigint");
        RowInsert lines = RowInsert.into("allocation_line", "id:uuid", "allocation_id:uuid", "item_code:text",
                "requested:integer", "reserved:integer");
        RowInsert picks = RowInsert.into("allocation_pick", "id:uuid", "allocation_id:uuid", "item_code:text",
                "lot_id:uuid", "warehouse_id:uuid", "quantity:integer", "distance_km:double precision",
                "arrives_at:timestamptz");
        for (Made m : made) {
            Allocation a = m.allocation();
            allocations.row(a.id, a.incidentId, a.status.name(), a.deliveryLatitude, a.deliveryLongitude,
                    a.deliveryNote, a.reliefDueAt, a.requestedBy, a.createdAt, a.updatedAt, a.updatedBy, a.version);
            m.lines().forEach(line -> lines.row(line.id, line.allocationId, line.itemCode, line.requested,
                    line.reserved));
            m.picks().forEach(pick -> picks.row(pick.id, pick.allocationId, pick.itemCode, pick.lotId,
                    pick.warehouseId, pick.quantity, pick.distanceKm, pick.arrivesAt));
        }
        return allocations.execute().flatMap(done -> lines.execute()).flatMap(done -> picks.execute())
                .replaceWithVoid();
    }

    /** An allocation as it is stored: the allocation, its lines and picks, and its picks as the sheet shows them. */
    private record Made(Planned planned, Allocation allocation, List<AllocationLine> lines, List<AllocationPick> picks,
                        List<AllocationSheets.PickRow> rows) {
    }

    private Made made(Planned planned, OffsetDateTime now) {
        Asked asked = planned.asked();
        Allocation allocation = new Allocation();
        allocation.id = UUID.randomUUID();
        allocation.incidentId = planned.incidentId();
        boolean anything = planned.lines().stream().anyMatch(line -> line.reserved() > 0);
        allocation.status = anything ? Status.RESERVED : Status.UNFILLED;
        allocation.deliveryLatitude = asked.point().latitude();
        allocation.deliveryLongitude = asked.point().longitude();
        allocation.deliveryNote = asked.note();
        allocation.reliefDueAt = planned.occurredAt().plus(policy.reliefTarget());
        allocation.requestedBy = asked.by();
        allocation.createdAt = now;
        allocation.updatedAt = now;
        allocation.updatedBy = asked.by();

        List<AllocationLine> lines = new ArrayList<>();
        List<AllocationPick> picks = new ArrayList<>();
        List<AllocationSheets.PickRow> rows = new ArrayList<>();
        for (AllocationPlanner.Line line : planned.lines()) {
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
        rows.sort(Comparator.comparingDouble(AllocationSheets.PickRow::distanceKm));
        return new Made(planned, allocation, lines, picks, rows);
    }
}
