package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.domain.index.AvailableUnits;
import cn.jinjiang.emergency.dispatch.domain.index.Candidate;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fills what an incident's plan is missing with the AVAILABLE units that would arrive first, from the in-memory
 * index. What the index offers is then checked against the database in one query, in the caller's session: a unit booked a moment ago by
 * another instance, whose notification has not arrived yet, is skipped and the next one taken, so a recommendation
 * never names a unit the database already holds as busy.
 */
@ApplicationScoped
public class Recommending {

    private static final int ROUNDS = 3;
    /** How many more of a lender's nearest units are looked at, for those of the types it lends. */
    private static final int LENDER_LOOKAHEAD = 10;

    private final AvailableUnits available;
    private final LentUnits lentUnits;

    public Recommending(AvailableUnits available, LentUnits lentUnits) {
        this.available = available;
        this.lentUnits = lentUnits;
    }

    /** Units offered for one capability: as many as wanted, or fewer (unfilled) when no more can be had. */
    public record Recommendation(Capability capability, int wanted, List<Candidate> units) {
        public int unfilled() {
            return wanted - units.size();
        }
    }

    /** What the plan is missing, line by line; a unit is offered for one line only. */
    public Uni<List<Recommendation>> forShortfall(Incident incident, PlanStatus plan) {
        List<Want> wants = plan.shortfall().stream().map(line -> new Want(line.capability(), line.missing()))
                .toList();
        return recommend(incident, wants);
    }

    public Uni<List<Recommendation>> forCapability(Incident incident, Capability capability, int count) {
        return recommend(incident, List.of(new Want(capability, count)));
    }

    private record Want(Capability capability, int count) {
    }

    /**
     * The incident's own bureau's forces first: the other county's units come by mutual aid, and are offered only
     * once it is accepted, after the incident's own, as many of each type as the lender still lends
     * ({@link LentUnits#stillLent}). An incident with no well-formed area (none is accepted so) is offered any unit.
     */
    private static String jurisdictionOf(Incident incident) {
        return AreaCodes.isValid(incident.areaCode) ? AreaCodes.jurisdiction(incident.areaCode) : null;
    }

    private Uni<List<Recommendation>> recommend(Incident incident, List<Want> wants) {
        String jurisdiction = jurisdictionOf(incident);
        return available.ready().flatMap(ignored -> jurisdiction == null
                        ? Uni.createFrom().item(Map.<String, Map<UnitType, Integer>>of())
                        : lentUnits.stillLent(incident))
                .flatMap(lent -> attempt(point(incident), jurisdiction, lent, wants, new HashSet<>(), 1));
    }

    private Uni<List<Recommendation>> attempt(GeoPoint point, String jurisdiction,
                                              Map<String, Map<UnitType, Integer>> lent, List<Want> wants,
                                              Set<UUID> busy, int round) {
        List<Recommendation> offered = offer(point, jurisdiction, lent, wants, busy);
        List<UUID> named = offered.stream().flatMap(r -> r.units().stream()).map(c -> c.unit().id()).toList();
        if (named.isEmpty()) {
            return Uni.createFrom().item(offered);
        }
        // Through the request's own session: a second connection per request could exhaust the pool under load, every
        // request holding one and waiting for another.
        // The status is filtered here, not in SQL: on the primary key alone the plan is an index lookup whatever the
        // statistics say, where a status condition has led a cached generic plan to scan every available unit.
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select u.id, u.status from Unit u where u.id in :ids", Object[].class)
                        .setParameter("ids", named)
                        .getResultList())
                .flatMap(rows -> {
                    Set<UUID> free = new HashSet<>();
                    rows.stream().filter(row -> row[1] == UnitStatus.AVAILABLE).forEach(row -> free.add((UUID) row[0]));
                    List<UUID> stale = named.stream().filter(id -> !free.contains(id)).toList();
                    if (stale.isEmpty() || round == ROUNDS) {
                        return Uni.createFrom().item(stale.isEmpty() ? offered : withoutAny(offered, stale));
                    }
                    available.changed(stale.toArray(UUID[]::new));
                    busy.addAll(stale);
                    return attempt(point, jurisdiction, lent, wants, busy, round + 1);
                });
    }

    private List<Recommendation> offer(GeoPoint point, String jurisdiction, Map<String, Map<UnitType, Integer>> lent,
                                       List<Want> wants, Set<UUID> busy) {
        Set<UUID> taken = new HashSet<>(busy);
        Map<String, Map<UnitType, Integer>> left = new HashMap<>();
        lent.forEach((lender, types) -> left.put(lender, new EnumMap<>(types)));
        List<Recommendation> offered = new ArrayList<>();
        for (Want want : wants) {
            List<Candidate> units = new ArrayList<>(available.index().nearest(point, want.capability(),
                    want.count(), taken, jurisdiction));
            units.forEach(candidate -> taken.add(candidate.unit().id()));
            left.forEach((lender, types) -> {
                if (units.size() < want.count() && types.values().stream().anyMatch(n -> n > 0)) {
                    // The lender's nearest of the capability, of the types it still lends.
                    for (Candidate candidate : available.index().nearest(point, want.capability(),
                            want.count() + LENDER_LOOKAHEAD, taken, lender)) {
                        if (units.size() < want.count() && types.getOrDefault(candidate.unit().type(), 0) > 0) {
                            types.merge(candidate.unit().type(), -1, Integer::sum);
                            units.add(candidate);
                            taken.add(candidate.unit().id());
                        }
                    }
                }
            });
            offered.add(new Recommendation(want.capability(), want.count(), List.copyOf(units)));
        }
        return offered;
    }

    private static List<Recommendation> withoutAny(List<Recommendation> offered, List<UUID> stale) {
        return offered.stream().map(r -> new Recommendation(r.capability(), r.wanted(),
                r.units().stream().filter(c -> !stale.contains(c.unit().id())).toList())).toList();
    }

    private static GeoPoint point(Incident incident) {
        return new GeoPoint(incident.latitude, incident.longitude);
    }
}
