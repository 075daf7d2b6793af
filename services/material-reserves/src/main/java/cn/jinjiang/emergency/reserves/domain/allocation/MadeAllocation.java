package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Take;
import cn.jinjiang.emergency.reserves.domain.allocation.RoundPlan.Planned;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A planned allocation as it is stored: the allocation, its lines and picks, and its picks as the sheet shows them.
 * Built in memory, so that a round can insert all its allocations with one statement per table.
 */
record MadeAllocation(Planned planned, Allocation allocation, List<AllocationLine> lines, List<AllocationPick> picks,
                      List<AllocationSheets.PickRow> rows) {

    /** Nothing reserved at all is still an allocation, UNFILLED: the need is recorded and announced, not lost. */
    static MadeAllocation of(Planned planned, OffsetDateTime now, Duration reliefTarget, Arrivals arrivals) {
        Asked asked = planned.asked();
        Allocation allocation = new Allocation();
        allocation.id = UUID.randomUUID();
        allocation.incidentId = planned.incidentId();
        allocation.jurisdiction = planned.jurisdiction();
        boolean anything = planned.lines().stream().anyMatch(line -> line.reserved() > 0);
        allocation.status = anything ? Status.RESERVED : Status.UNFILLED;
        allocation.deliveryLatitude = asked.point().latitude();
        allocation.deliveryLongitude = asked.point().longitude();
        allocation.deliveryNote = asked.note();
        allocation.reliefDueAt = planned.occurredAt().plus(reliefTarget);
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
                        take.lot().warehouseCode(), take.lot().jurisdiction(), pick.lotId, take.lot().expiresOn(),
                        pick.quantity,
                        pick.distanceKm, pick.arrivesAt));
            }
        }
        rows.sort(Comparator.comparingDouble(AllocationSheets.PickRow::distanceKm));
        return new MadeAllocation(planned, allocation, lines, picks, rows);
    }
}
