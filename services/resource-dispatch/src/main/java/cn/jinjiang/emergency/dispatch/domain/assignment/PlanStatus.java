package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an incident's run card asks for, what its assigned units cover and what is missing. A unit with several
 * capabilities counts for one line only; units are matched to lines so that as much of the card as possible is
 * covered (a maximum bipartite matching: greedy counting could leave a line short that a different choice fills).
 */
public record PlanStatus(IncidentType incidentType, Grade grade, List<Line> lines) {

    public record Line(Capability capability, int required, int assigned, int missing) {
    }

    public boolean isMet() {
        return lines.stream().allMatch(line -> line.missing() == 0);
    }

    public List<Line> shortfall() {
        return lines.stream().filter(line -> line.missing() > 0).toList();
    }

    public static PlanStatus of(IncidentType type, Grade grade, List<RunCards.Need> card,
            List<Set<Capability>> assignedUnits) {
        List<Capability> slots = new ArrayList<>();
        card.forEach(need -> {
            for (int i = 0; i < need.units(); i++) {
                slots.add(need.capability());
            }
        });
        int[] unitOfSlot = new int[slots.size()];
        Arrays.fill(unitOfSlot, -1);
        for (int unit = 0; unit < assignedUnits.size(); unit++) {
            augment(unit, assignedUnits, slots, unitOfSlot, new boolean[slots.size()]);
        }
        List<Line> lines = new ArrayList<>();
        int slot = 0;
        for (RunCards.Need need : card) {
            int covered = 0;
            for (int i = 0; i < need.units(); i++, slot++) {
                covered += unitOfSlot[slot] >= 0 ? 1 : 0;
            }
            lines.add(new Line(need.capability(), need.units(), covered, need.units() - covered));
        }
        return new PlanStatus(type, grade, List.copyOf(lines));
    }

    /** Kuhn's augmenting path: finds the unit a slot, moving earlier units to other slots they can fill. */
    private static boolean augment(int unit, List<Set<Capability>> units, List<Capability> slots, int[] unitOfSlot,
            boolean[] visited) {
        for (int slot = 0; slot < slots.size(); slot++) {
            if (visited[slot] || !units.get(unit).contains(slots.get(slot))) {
                continue;
            }
            visited[slot] = true;
            if (unitOfSlot[slot] < 0 || augment(unitOfSlot[slot], units, slots, unitOfSlot, visited)) {
                unitOfSlot[slot] = unit;
                return true;
            }
        }
        return false;
    }
}
