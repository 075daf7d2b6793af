package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.contract.events.AllocationNotice;
import cn.jinjiang.emergency.shared.contract.events.AllocationShortfall;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An allocation as the dispatcher reads it: per item what was asked, what is reserved from where and when it arrives,
 * what is uncovered or late for the relief target, and the agreement reserves that could make that good.
 */
public record AllocationSheet(Allocation allocation, List<Line> lines) {

    public record Line(String itemCode, int requested, int reserved, List<Pick> picks,
                       List<AllocationShortfall.AgreementOption> agreements) {

        public int uncovered() {
            return requested - reserved;
        }

        /** Reserved, but estimated to arrive after the relief target. */
        public int late() {
            return picks.stream().filter(pick -> !pick.withinReliefTarget()).mapToInt(Pick::quantity).sum();
        }

        public boolean isShort() {
            return uncovered() > 0 || late() > 0;
        }
    }

    /** @param jurisdiction the warehouse's bureau: another than the incident's for stock lent by mutual aid */
    public record Pick(UUID warehouseId, String warehouseCode, String jurisdiction, UUID lotId, LocalDate expiresOn,
                       int quantity, double distanceKm, OffsetDateTime arrivesAt, boolean withinReliefTarget) {
    }

    public boolean isShort() {
        return lines.stream().anyMatch(Line::isShort);
    }

    public AllocationNotice notice() {
        return new AllocationNotice(allocation.incidentId, allocation.jurisdiction, allocation.id, allocation.status,
                allocation.deliveryPoint(), allocation.reliefDueAt,
                lines.stream().map(line -> new AllocationNotice.Line(line.itemCode(), line.requested(),
                        line.reserved())).toList(),
                lines.stream().flatMap(line -> line.picks().stream().map(pick -> new AllocationNotice.Pick(
                        line.itemCode(), pick.warehouseId(), pick.warehouseCode(), pick.jurisdiction(), pick.lotId(),
                        pick.quantity(),
                        pick.distanceKm(), pick.arrivesAt(), pick.withinReliefTarget()))).toList(),
                allocation.reason, allocation.updatedBy, allocation.updatedAt);
    }

    public AllocationShortfall shortfall() {
        return new AllocationShortfall(allocation.incidentId, allocation.jurisdiction, allocation.id,
                allocation.reliefDueAt,
                lines.stream().filter(Line::isShort).map(line -> new AllocationShortfall.Line(line.itemCode(),
                        line.requested(), line.uncovered(), line.late(), line.agreements())).toList(),
                allocation.updatedBy, allocation.updatedAt);
    }
}
