package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.allocation.RoundPlan.Planned;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests.Claim;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.persistence.RowInsert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what a round made, in its transaction: the allocations, lines and picks with one statement per table, the
 * agreement reserves for the shortfalls read once, the events, the answers kept under their Idempotency-Keys and the
 * warehouses marked as changed.
 */
@ApplicationScoped
public class RoundRecorder {

    private final Outbox outbox;
    private final Ledger ledger;
    private final Arrivals arrivals;
    private final AllocationSheets sheets;
    private final ReservesPolicy policy;
    private final IdempotentRequests requests;

    public RoundRecorder(Outbox outbox, Ledger ledger, Arrivals arrivals, AllocationSheets sheets,
            ReservesPolicy policy, IdempotentRequests requests) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.arrivals = arrivals;
        this.sheets = sheets;
        this.policy = policy;
        this.requests = requests;
    }

    /** Stores the round's allocations, their events and their answers; the answers by place among those asked. */
    Uni<Map<Integer, Replay>> record(List<Planned> planned, OffsetDateTime now) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> shortItems = new ArrayList<>();
        List<UUID> warehouses = new ArrayList<>();
        List<MadeAllocation> made = new ArrayList<>();
        for (Planned p : planned) {
            MadeAllocation m = MadeAllocation.of(p, now, policy.reliefTarget(), arrivals);
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
                    for (MadeAllocation m : made) {
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
    private static Uni<Void> rows(List<MadeAllocation> made) {
        RowInsert allocations = RowInsert.into("allocation", "id:uuid", "incident_id:uuid", "status:text",
                "delivery_latitude:double precision", "delivery_longitude:double precision", "delivery_note:text",
                "relief_due_at:timestamptz", "requested_by:text", "created_at:timestamptz", "updated_at:timestamptz",
                "updated_by:text", "version:bigint");
        RowInsert lines = RowInsert.into("allocation_line", "id:uuid", "allocation_id:uuid", "item_code:text",
                "requested:integer", "reserved:integer");
        RowInsert picks = RowInsert.into("allocation_pick", "id:uuid", "allocation_id:uuid", "item_code:text",
                "lot_id:uuid", "warehouse_id:uuid", "quantity:integer", "distance_km:double precision",
                "arrives_at:timestamptz");
        for (MadeAllocation m : made) {
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
}
