package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Whether units may go to an incident of another bureau: a bureau sends its own units to its own incidents; another
 * bureau's only as far as that bureau lent them, by accepted mutual-aid requests for the incident, per unit type.
 * Checked in the assignment's transaction with the units and the accepted requests locked.
 */
@ApplicationScoped
public class LentUnits {

    private final MutualAid mutualAid;

    public LentUnits(MutualAid mutualAid) {
        this.mutualAid = mutualAid;
    }

    /** Fails with 409 naming the lender's jurisdiction if any of {@code units} is another bureau's and not lent. */
    public Uni<Void> check(Incident incident, List<Unit> units) {
        String own = jurisdictionOf(incident.areaCode);
        Map<String, Map<String, Integer>> foreign = new TreeMap<>();
        for (Unit unit : units) {
            String theirs = jurisdictionOf(unit.areaCode);
            if (own != null && theirs != null && !theirs.equals(own)) {
                foreign.computeIfAbsent(theirs, j -> new TreeMap<>()).merge(unit.type.name(), 1, Integer::sum);
            }
        }
        if (foreign.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(foreign.entrySet())
                .onItem().transformToUniAndConcatenate(lender -> there(incident.id, lender.getKey())
                        .flatMap(there -> mutualAid.mayLend(incident.id, lender.getKey(), lender.getValue(), there))
                        .invoke(refusal -> {
                            if (refusal != null) {
                                throw new Conflict("Units of jurisdiction " + lender.getKey() + " go to incident "
                                        + incident.id + " of jurisdiction " + own + " only as lent by mutual aid: "
                                        + refusal);
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    /**
     * What other bureaus still lend the incident, per lender and unit type: their accepted requests less their units
     * there now. Nothing locked: it is what recommendations may offer, and the assignment checks again.
     */
    public Uni<Map<String, Map<UnitType, Integer>>> stillLent(Incident incident) {
        return mutualAid.accepted(incident.id).flatMap(accepted -> {
            Map<String, Map<UnitType, Integer>> lent = new TreeMap<>();
            accepted.forEach(request -> request.units().forEach(line -> lent
                    .computeIfAbsent(request.lendingJurisdiction, j -> new EnumMap<>(UnitType.class))
                    .merge(line.type(), line.count(), Integer::sum)));
            if (lent.isEmpty()) {
                return Uni.createFrom().item(lent);
            }
            return Multi.createFrom().iterable(List.copyOf(lent.keySet()))
                    .onItem().transformToUniAndConcatenate(lender -> there(incident.id, lender)
                            .invoke(there -> there.forEach((type, count) -> lent.get(lender)
                                    .computeIfPresent(UnitType.valueOf(type), (t, left) -> left - count))))
                    .collect().last().replaceWith(lent);
        });
    }

    /** The lender's units assigned to the incident now, by type. */
    private static Uni<Map<String, Integer>> there(UUID incidentId, String lender) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("select u.type, count(a) "
                                + "from Assignment a, Unit u where a.unitId = u.id and a.incidentId = :incident "
                                + "and a.releasedAt is null and u.areaCode like :lender group by u.type",
                        Object[].class)
                .setParameter("incident", incidentId).setParameter("lender", lender + "%")
                .getResultList())
                .map(rows -> {
                    Map<String, Integer> there = new TreeMap<>();
                    rows.forEach(row -> there.put(((UnitType) row[0]).name(), ((Number) row[1]).intValue()));
                    return there;
                });
    }

    private static String jurisdictionOf(String areaCode) {
        return AreaCodes.isValid(areaCode) ? AreaCodes.jurisdiction(areaCode) : null;
    }
}
