package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Stocked;
import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.NotFound;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The planning of a round: the allocations still to be made, one after the other in the order asked, each from what
 * those before it left free ({@link AllocationPlanner}). Pure: nothing is read or written here.
 */
final class RoundPlan {

    private RoundPlan() {
    }

    /**
     * An allocation planned in this round, with its place among those asked.
     *
     * @param jurisdiction the incident's bureau, whose allocation it is
     */
    record Planned(int index, Asked asked, UUID incidentId, String jurisdiction, OffsetDateTime occurredAt,
                   List<AllocationPlanner.Line> lines) {
    }

    /**
     * Plans each allocation that has no outcome yet; one whose incident is unknown here or not open gets its failure
     * as its outcome instead, and takes nothing.
     */
    static List<Planned> plan(List<Asked> round, Map<UUID, RoundIncidents.Known> incidents, List<Stocked> stock,
            Outcome[] outcomes) {
        Map<UUID, Integer> taken = new HashMap<>();
        // What other bureaus lend each incident, drawn down as this plan takes it.
        Map<UUID, LentStock> lent = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            Asked asked = round.get(i);
            RoundIncidents.Known incident = incidents.get(asked.incidentId());
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
            List<AllocationPlanner.Line> lines = AllocationPlanner.plan(asked.needs(), left, asked.point(),
                    incident.jurisdiction(), lent.computeIfAbsent(asked.incidentId(), id -> incident.lent().copy()));
            lines.forEach(line -> line.takes().forEach(take ->
                    taken.merge(take.lot().lotId(), take.quantity(), Integer::sum)));
            planned.add(new Planned(i, asked, asked.incidentId(), incident.jurisdiction(),
                    incident.occurredAt(), lines));
        }
        return planned;
    }
}
