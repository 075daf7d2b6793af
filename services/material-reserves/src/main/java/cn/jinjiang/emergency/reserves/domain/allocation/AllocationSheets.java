package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.agreement.Agreement;
import cn.jinjiang.emergency.shared.contract.events.AllocationShortfall;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads allocations back as sheets, with the agreement reserves that could cover their shortfalls now. */
@ApplicationScoped
public class AllocationSheets {

    public Uni<List<AllocationSheet>> of(List<Allocation> allocations) {
        if (allocations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = allocations.stream().map(a -> a.id).toList();
        return AllocationLine.<AllocationLine>list("allocationId in ?1", ids)
                .flatMap(lines -> picks(ids).flatMap(picks -> options(lines.stream()
                        .map(line -> line.itemCode).collect(Collectors.toSet()))
                        .map(agreements -> allocations.stream().map(allocation -> sheet(allocation,
                                lines.stream().filter(line -> line.allocationId.equals(allocation.id)).toList(),
                                picks.getOrDefault(allocation.id, List.of()), agreements)).toList())));
    }

    public Uni<AllocationSheet> of(Allocation allocation) {
        return of(List.of(allocation)).map(sheets -> sheets.get(0));
    }

    /** A sheet for an allocation just planned, before anything is read back. */
    AllocationSheet sheet(Allocation allocation, List<AllocationLine> lines, List<PickRow> picks,
            List<Agreement> agreements) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<AllocationSheet.Line> sheetLines = new ArrayList<>();
        for (AllocationLine line : lines) {
            List<AllocationSheet.Pick> linePicks = picks.stream().filter(p -> p.itemCode().equals(line.itemCode))
                    .map(p -> new AllocationSheet.Pick(p.warehouseId(), p.warehouseCode(), p.jurisdiction(),
                            p.lotId(), p.expiresOn(),
                            p.quantity(), p.distanceKm(), p.arrivesAt(), !p.arrivesAt().isAfter(allocation.reliefDueAt)))
                    .toList();
            int late = linePicks.stream().filter(p -> !p.withinReliefTarget()).mapToInt(AllocationSheet.Pick::quantity)
                    .sum();
            boolean open = allocation.status != cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status.CANCELLED;
            List<AllocationShortfall.AgreementOption> options = open && (line.requested > line.reserved || late > 0)
                    ? agreements.stream().filter(a -> a.itemCode.equals(line.itemCode) && a.remaining() > 0)
                            .map(a -> {
                                OffsetDateTime arrives = a.dueFrom(now);
                                return new AllocationShortfall.AgreementOption(a.id, a.code, a.company, a.remaining(),
                                        a.leadTimeHours, arrives, !arrives.isAfter(allocation.reliefDueAt));
                            }).toList()
                    : List.of();
            sheetLines.add(new AllocationSheet.Line(line.itemCode, line.requested, line.reserved, linePicks, options));
        }
        return new AllocationSheet(allocation, sheetLines);
    }

    /** A pick with what the sheet shows of its warehouse and lot. */
    record PickRow(UUID allocationId, String itemCode, UUID warehouseId, String warehouseCode, String jurisdiction,
                   UUID lotId,
                   LocalDate expiresOn, int quantity, double distanceKm, OffsetDateTime arrivesAt) {
    }

    private static Uni<Map<UUID, List<PickRow>>> picks(List<UUID> allocationIds) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select p.allocationId, p.itemCode, p.warehouseId, w.code, w.areaCode, p.lotId, l.expiresOn, "
                                + "p.quantity, "
                                + "p.distanceKm, p.arrivesAt from AllocationPick p, Warehouse w, Lot l "
                                + "where w.id = p.warehouseId and l.id = p.lotId and p.allocationId in ?1 "
                                + "order by p.distanceKm, w.code, l.expiresOn nulls last", Object[].class)
                .setParameter(1, allocationIds).getResultList())
                .map(rows -> {
                    Map<UUID, List<PickRow>> byAllocation = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byAllocation.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new PickRow(
                                (UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3],
                                AreaCodes.jurisdictionOf((String) row[4]), (UUID) row[5], (LocalDate) row[6],
                                (Integer) row[7], (Double) row[8], (OffsetDateTime) row[9]));
                    }
                    return byAllocation;
                });
    }

    static Uni<List<Agreement>> options(Collection<String> itemCodes) {
        if (itemCodes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Agreement.list("itemCode in ?1 and calledOff < committedQuantity order by leadTimeHours, code",
                Set.copyOf(itemCodes));
    }
}
