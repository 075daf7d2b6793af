package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.warning.domain.warning.Area;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A transfer as the command centre reads it: per area where it stands and who answers for it, added up per town
 * (street) and in total, so that "everyone out" can be read village by village.
 */
public record TransferSheet(UUID id, UUID warningId, UUID incidentId, String jurisdiction, Transfer.Status status,
                            String reason, OffsetDateTime deadline, String orderedBy, OffsetDateTime orderedAt,
                            String closedBy, OffsetDateTime closedAt, String closeReason, Totals totals,
                            List<Town> towns, List<Line> areas) {

    /**
     * Counts over some areas.
     *
     * @param incomplete areas with people still to move
     * @param overdue    areas announced incomplete at the deadline
     */
    public record Totals(int planned, int moved, int remaining, int refused, int vulnerable, int vulnerableMoved,
                         int incomplete, int overdue) {

        static Totals of(List<TransferArea> areas) {
            int planned = 0;
            int moved = 0;
            int remaining = 0;
            int refused = 0;
            int vulnerable = 0;
            int vulnerableMoved = 0;
            int incomplete = 0;
            int overdue = 0;
            for (TransferArea area : areas) {
                planned += area.planned;
                moved += area.moved;
                remaining += area.remaining;
                refused += area.refused;
                vulnerable += area.vulnerable;
                vulnerableMoved += area.vulnerableMoved;
                incomplete += area.remaining > 0 ? 1 : 0;
                overdue += area.overdueAt != null ? 1 : 0;
            }
            return new Totals(planned, moved, remaining, refused, vulnerable, vulnerableMoved, incomplete, overdue);
        }
    }

    /** A town's (street's) areas of the transfer added up: the town itself, or its villages. */
    public record Town(String townCode, String name, Totals totals) {
    }

    /** One area: as ordered, as last reported, and who answers for it. */
    public record Line(String areaCode, String name, String townCode, String responsible, int ordered, int planned,
                       int vulnerable, int moved, int remaining, int refused, int vulnerableMoved,
                       List<String> shelters, String recountReason, String reportedBy, OffsetDateTime reportedAt,
                       boolean overdue) {
    }

    static Uni<List<TransferArea>> areasOf(UUID transferId) {
        return TransferArea.list("transferId = ?1 order by areaCode", transferId);
    }

    public static Uni<TransferSheet> of(Transfer transfer) {
        return areasOf(transfer.id).flatMap(areas -> of(transfer, areas));
    }

    /** Several transfers, one after the other (they share the request's session). */
    static Uni<List<TransferSheet>> of(List<Transfer> transfers) {
        return Multi.createFrom().iterable(transfers).onItem().transformToUniAndConcatenate(TransferSheet::of)
                .collect().asList();
    }

    static Uni<TransferSheet> of(Transfer transfer, List<TransferArea> areas) {
        Set<String> codes = new HashSet<>();
        areas.forEach(area -> {
            codes.add(area.areaCode);
            codes.add(area.townCode);
        });
        return Area.<Area>list("code in ?1", codes).map(found -> {
            Map<String, String> names = new HashMap<>();
            found.forEach(area -> names.put(area.code, area.nameZh));
            Map<String, List<TransferArea>> byTown = new TreeMap<>();
            areas.forEach(area -> byTown.computeIfAbsent(area.townCode, town -> new ArrayList<>())
                    .add(area));
            List<Town> towns = byTown.entrySet().stream().map(town -> new Town(town.getKey(),
                    names.get(town.getKey()), Totals.of(town.getValue()))).toList();
            List<Line> lines = areas.stream().sorted(Comparator.comparing(area -> area.areaCode))
                    .map(area -> new Line(area.areaCode, names.get(area.areaCode), area.townCode, area.responsible,
                            area.ordered, area.planned, area.vulnerable, area.moved, area.remaining, area.refused,
                            area.vulnerableMoved, area.shelters(), area.recountReason, area.reportedBy,
                            area.reportedAt, area.overdueAt != null)).toList();
            return new TransferSheet(transfer.id, transfer.warningId, transfer.incidentId, transfer.jurisdiction,
                    transfer.status, transfer.reason, transfer.deadline, transfer.orderedBy, transfer.orderedAt,
                    transfer.closedBy, transfer.closedAt, transfer.closeReason, Totals.of(areas), towns, lines);
        });
    }
}
