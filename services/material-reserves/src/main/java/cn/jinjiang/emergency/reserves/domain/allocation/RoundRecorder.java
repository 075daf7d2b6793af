package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.allocation.RoundPlan.Planned;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests.Claim;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.persistence.RowInsert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what a round made, in its transaction: first everything is built and checked (the agreement reserves for
 * the shortfalls read once, the sheets, answers and events), then the allocations, lines and picks with one statement
 * per table, the events, the answers kept under their Idempotency-Keys and the warehouses marked as changed.
 */
@ApplicationScoped
public class RoundRecorder {

    private static final Logger LOG = Logger.getLogger(RoundRecorder.class);

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

    /**
     * A round's allocations ready to be written: each with its sheet, its answer and its events already encoded and
     * checked; and those whose events break the contract, by place among those asked, with why.
     */
    record Prepared(List<Ready> ready, Map<Integer, Conflict> refused) {

        List<Planned> planned() {
            return ready.stream().map(r -> r.made().planned()).toList();
        }
    }

    /** One allocation of a round that can be written and announced. */
    record Ready(MadeAllocation made, Replay answer, List<Outbox.Encoded> events) {
    }

    /**
     * Builds every allocation's sheet, answer and events without writing anything. An allocation whose event breaks
     * its schema (reference data the contract cannot carry, such as a warehouse code too long for it) cannot be
     * announced, and consumers would refuse it, so it is refused alone, logged with the reason: the round's other
     * allocations are still made. A failed statement would abort the round's transaction, hence the check before any.
     */
    Uni<Prepared> prepare(List<Planned> planned, OffsetDateTime now) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(new Prepared(List.of(), Map.of()));
        }
        List<String> shortItems = new ArrayList<>();
        List<MadeAllocation> made = new ArrayList<>();
        for (Planned p : planned) {
            MadeAllocation m = MadeAllocation.of(p, now, policy.reliefTarget(), arrivals);
            made.add(m);
            p.lines().stream().filter(l -> l.uncovered() > 0 || l.takes().stream()
                            .anyMatch(t -> arrivals.fromWarehouse(t.km(), now).isAfter(m.allocation().reliefDueAt)))
                    .forEach(l -> shortItems.add(l.need().itemCode()));
        }
        return AllocationSheets.options(shortItems).map(agreements -> {
            List<Ready> ready = new ArrayList<>();
            Map<Integer, Conflict> refused = new HashMap<>();
            for (MadeAllocation m : made) {
                AllocationSheet sheet = sheets.sheet(m.allocation(), m.lines(), m.rows(), agreements);
                UUID incident = m.planned().incidentId();
                List<Outbox.Pending> events = new ArrayList<>();
                events.add(new Outbox.Pending(EventType.RESERVE_ALLOCATED, incident, sheet.notice()));
                if (sheet.isShort()) {
                    events.add(new Outbox.Pending(EventType.RESERVE_ALLOCATION_SHORTFALL, incident,
                            sheet.shortfall()));
                }
                try {
                    List<Outbox.Encoded> encoded = events.stream().map(outbox::encode).toList();
                    ready.add(new Ready(m, m.planned().asked().answer().apply(sheet), encoded));
                } catch (RuntimeException e) {
                    refused.put(m.planned().index(), refusal(incident, e));
                }
            }
            return new Prepared(ready, refused);
        });
    }

    /** Stores the round's allocations, their events and their answers; the answers by place among those asked. */
    Uni<Map<Integer, Replay>> record(Prepared prepared) {
        if (prepared.ready().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> warehouses = new ArrayList<>();
        Map<Integer, Replay> answers = new HashMap<>();
        List<Outbox.Encoded> events = new ArrayList<>();
        for (Ready r : prepared.ready()) {
            r.made().picks().forEach(pick -> warehouses.add(pick.warehouseId));
            answers.put(r.made().planned().index(), r.answer());
            events.addAll(r.events());
        }
        return rows(prepared.ready().stream().map(Ready::made).toList())
                .flatMap(inserted -> outbox.addEncoded(events))
                .flatMap(added -> {
                    Uni<Void> keeping = Uni.createFrom().voidItem();
                    for (Ready r : prepared.ready()) {
                        Claim claim = r.made().planned().asked().claim();
                        if (claim != null) {
                            keeping = keeping.call(() -> requests.keep(claim, r.answer()));
                        }
                    }
                    return keeping;
                })
                .call(done -> ledger.changed(warehouses))
                .replaceWith(answers);
    }

    private static Conflict refusal(UUID incident, RuntimeException e) {
        String where = e instanceof InvalidFieldException invalid ? " at " + invalid.field() : "";
        LOG.errorf("An allocation for incident %s was refused: its event breaks the event contract%s: %s", incident,
                where, e.getMessage());
        return new Conflict("The allocation cannot be announced: its event would break the event contract" + where
                + " (" + e.getMessage() + "), which the reserves' reference data must be corrected for. Nothing was "
                + "reserved; the other allocations made with it are not affected.");
    }

    /** The round's allocations, lines and picks, one statement per table (parents first). */
    private static Uni<Void> rows(List<MadeAllocation> made) {
        RowInsert allocations = RowInsert.into("allocation", "id:uuid", "incident_id:uuid", "jurisdiction:text",
                "status:text",
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
            allocations.row(a.id, a.incidentId, a.jurisdiction, a.status.name(), a.deliveryLatitude,
                    a.deliveryLongitude, a.deliveryNote, a.reliefDueAt, a.requestedBy, a.createdAt, a.updatedAt, a.updatedBy, a.version);
            m.lines().forEach(line -> lines.row(line.id, line.allocationId, line.itemCode, line.requested,
                    line.reserved));
            m.picks().forEach(pick -> picks.row(pick.id, pick.allocationId, pick.itemCode, pick.lotId,
                    pick.warehouseId, pick.quantity, pick.distanceKm, pick.arrivesAt));
        }
        return allocations.execute().flatMap(done -> lines.execute()).flatMap(done -> picks.execute())
                .replaceWithVoid();
    }
}
