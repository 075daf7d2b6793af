package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger.Movement;
import cn.jinjiang.emergency.reserves.domain.stock.LedgerEntry;
import cn.jinjiang.emergency.reserves.domain.stock.Lot;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An allocation's way: reserved → dispatched (the stock leaves its warehouses: the ledger's issue) → delivered, or
 * returned (the stock comes back to its lots); cancelled before dispatch (the promise is lifted). A step that does not
 * follow from the current status is 409. Each step is announced.
 */
@ApplicationScoped
public class AllocationCycle {

    private final Outbox outbox;
    private final Ledger ledger;
    private final AllocationSheets sheets;

    public AllocationCycle(Outbox outbox, Ledger ledger, AllocationSheets sheets) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.sheets = sheets;
    }

    @WithTransaction
    public Uni<AllocationSheet> dispatch(UUID incidentId, UUID allocationId, String by) {
        return step(incidentId, allocationId, EnumSet.of(Status.RESERVED), Status.DISPATCHED, null, by,
                EventType.RESERVE_DISPATCHED, (allocation, now) -> moveLots(allocation, now, by,
                        (lot, quantity) -> {
                            lot.reserved -= quantity;
                            return new Movement(LedgerEntry.Kind.ALLOCATION_DISPATCH, -quantity,
                                    "Dispatched to incident " + incidentId, allocation.id);
                        }));
    }

    @WithTransaction
    public Uni<AllocationSheet> deliver(UUID incidentId, UUID allocationId, String by) {
        return step(incidentId, allocationId, EnumSet.of(Status.DISPATCHED), Status.DELIVERED, null, by,
                EventType.RESERVE_DELIVERED, (allocation, now) -> Uni.createFrom().voidItem());
    }

    /** The materials came back unused: into the lots they left, with their expiry. */
    @WithTransaction
    public Uni<AllocationSheet> returned(UUID incidentId, UUID allocationId, String reason, String by) {
        return step(incidentId, allocationId, EnumSet.of(Status.DISPATCHED, Status.DELIVERED), Status.RETURNED,
                reason, by, EventType.RESERVE_RELEASED, (allocation, now) -> moveLots(allocation, now, by,
                        (lot, quantity) -> new Movement(LedgerEntry.Kind.ALLOCATION_RETURN, quantity, reason,
                                allocation.id)));
    }

    /** Lifts the promise before anything left: the stock is free again. */
    @WithTransaction
    public Uni<AllocationSheet> cancel(UUID incidentId, UUID allocationId, String reason, String by) {
        return step(incidentId, allocationId, EnumSet.of(Status.RESERVED, Status.UNFILLED), Status.CANCELLED, reason,
                by, EventType.RESERVE_RELEASED, (allocation, now) -> lots(allocation).flatMap(lots -> {
                    lots.forEach((lot, quantity) -> lot.reserved -= quantity);
                    return ledger.changed(lots.keySet().stream().map(lot -> lot.warehouseId).toList());
                }));
    }

    private interface Effect {
        Uni<Void> apply(Allocation allocation, OffsetDateTime now);
    }

    private interface LotMove {
        Movement apply(Lot lot, int quantity);
    }

    private Uni<AllocationSheet> step(UUID incidentId, UUID allocationId, Set<Status> from, Status to, String reason,
            String by, EventType event, Effect effect) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Allocation.<Allocation>findById(allocationId, LockModeType.PESSIMISTIC_WRITE).flatMap(allocation -> {
            if (allocation == null || !allocation.incidentId.equals(incidentId)) {
                return Uni.createFrom().failure(new NotFound("No allocation " + allocationId
                        + " for incident " + incidentId));
            }
            if (!from.contains(allocation.status)) {
                return Uni.createFrom().failure(new Conflict("Allocation " + allocationId + " is "
                        + allocation.status + "; " + to + " follows only from " + from));
            }
            return effect.apply(allocation, now)
                    .invoke(() -> allocation.moveTo(to, reason, by, now))
                    .flatMap(ignored -> sheets.of(allocation))
                    .call(sheet -> outbox.add(event, incidentId, sheet.notice()));
        });
    }

    private Uni<Void> moveLots(Allocation allocation, OffsetDateTime now, String by, LotMove move) {
        UUID movementId = UUID.randomUUID();
        return lots(allocation).flatMap(lots -> Multi.createFrom().iterable(lots.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> ledger.record(entry.getKey(),
                        move.apply(entry.getKey(), entry.getValue()), movementId, by, now))
                .collect().asList()
                .call(() -> ledger.changed(lots.keySet().stream().map(lot -> lot.warehouseId).toList()))
                .replaceWithVoid());
    }

    /** The allocation's lots, row-locked in id order like every other mover of lots, with the quantity from each. */
    private static Uni<Map<Lot, Integer>> lots(Allocation allocation) {
        return AllocationPick.<AllocationPick>list("allocationId", allocation.id).flatMap(picks -> {
            if (picks.isEmpty()) {
                return Uni.createFrom().item(Map.of());
            }
            Map<UUID, Integer> quantities = picks.stream()
                    .collect(Collectors.toMap(pick -> pick.lotId, pick -> pick.quantity, Integer::sum));
            return Lot.<Lot>find("id in ?1 order by id", quantities.keySet())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .map(lots -> lots.stream().collect(Collectors.toMap(Function.identity(),
                            lot -> quantities.get(lot.id), (a, b) -> a, java.util.LinkedHashMap::new)));
        });
    }
}
